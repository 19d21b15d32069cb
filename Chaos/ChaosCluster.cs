using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansQueue.DevServices;
using OrleansQueue.Hosting;

namespace OrleansQueue.Chaos;

/// <summary>
/// A real cluster to hurt: silo processes with Azure clustering and durable storage on one Azurite, each on fixed ports
/// so that a killed silo restarts where it was, as a supervisor would restart it.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private readonly Azurite azurite;
    private readonly string clusterId = $"chaos{Guid.NewGuid():N}";
    private readonly (int Silo, int Gateway)[] ports;
    private readonly SiloProcess?[] silos;

    private ChaosCluster(Azurite azurite, int size)
    {
        this.azurite = azurite;
        ports = [.. Enumerable.Range(0, size).Select(_ => (Loopback.FreePort(), Loopback.FreePort()))];
        silos = new SiloProcess?[size];
    }

    public int Size => silos.Length;

    public static async Task<ChaosCluster> StartAsync(int size, Action<string> progress)
    {
        progress("Starting Azurite (npm installs it first if needed)…");
        var cluster = new ChaosCluster(await Azurite.StartAsync(), size);
        try
        {
            for (var slot = 0; slot < size; slot++)
            {
                progress($"Starting silo {slot} (Azure clustering, durable storage)…");
                await cluster.StartSiloAsync(slot);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Kills a silo with SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync(int slot)
    {
        if (silos[slot] is { } silo)
        {
            silos[slot] = null;
            await silo.KillAsync();
            await silo.DisposeAsync();
        }
    }

    /// <summary>Starts the silo of a slot again, on the same ports, as a new generation.</summary>
    public async Task StartSiloAsync(int slot)
    {
        var (siloPort, gatewayPort) = ports[slot];
        silos[slot] = await SiloProcess.StartAsync(
            siloPort,
            gatewayPort,
            clusterId,
            "--storage", "azure", "--clustering", "azure", $"--Silo:AzureStorage={azurite.ConnectionString}");
    }

    /// <summary>Starts a client that knows every silo's gateway and fails over between them.</summary>
    public async Task<IHost> ConnectAsync(TimeSpan responseTimeout)
    {
        var builder = Host.CreateApplicationBuilder();
        // Logs go to stderr with the progress lines; stdout carries the summary alone, which --json keeps parseable.
        builder.Logging.ClearProviders().AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. ports.Select(port => new IPEndPoint(IPAddress.Loopback, port.Gateway))])
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = SiloProcess.ServiceId;
            })
            .Configure<ClientMessagingOptions>(options => options.ResponseTimeout = responseTimeout)
            .AddOrleansQueues());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in silos)
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        await azurite.DisposeAsync();
    }
}
