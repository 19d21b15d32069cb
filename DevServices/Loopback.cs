using System.Net;
using System.Net.Sockets;

namespace OrleansQueue.DevServices;

/// <summary>Ports on this machine's loopback, the only address test services listen on.</summary>
public static class Loopback
{
    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
