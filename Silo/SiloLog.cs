using Microsoft.Extensions.Logging;

namespace OrleansQueue.Silo;

/// <summary>The host's own log events.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Silo ready: clients connect to the gateway at 127.0.0.1:{GatewayPort} (cluster '{ClusterId}', service '{ServiceId}'), " +
            "storage: {Storage}. Press Ctrl+C to stop.")]
    public static partial void Ready(this ILogger logger, int gatewayPort, string clusterId, string serviceId, string storage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Queues at http://127.0.0.1:{Port}/ and the Orleans Dashboard at http://127.0.0.1:{Port}/dashboard (loopback only).")]
    public static partial void DashboardReady(this ILogger logger, int port);
}
