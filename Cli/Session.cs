using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansQueue.Hosting;
using OrleansQueue.Serialization;

namespace OrleansQueue.Cli;

/// <summary>The options every command takes: which cluster, and which environment of queue names.</summary>
internal static class ConnectionOptions
{
    public static readonly Option<string> Environment = new("--env", "-e")
    {
        Description = "The environment the queue names belong to.",
        DefaultValueFactory = _ => QueueLimits.DefaultEnvironment,
        Recursive = true,
    };

    public static readonly Option<string> Gateway = new("--gateway")
    {
        Description = "A silo's client gateway, host:port.",
        DefaultValueFactory = _ => "127.0.0.1:30000",
        Recursive = true,
    };

    public static readonly Option<string> ClusterId = new("--cluster-id")
    {
        Description = "The cluster's id, as the silo was started with.",
        DefaultValueFactory = _ => "dev",
        Recursive = true,
    };

    public static readonly Option<string> ServiceId = new("--service-id")
    {
        Description = "The service's id, as the silo was started with.",
        DefaultValueFactory = _ => "OrleansQueue",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Environment, Gateway, ClusterId, ServiceId];
}

/// <summary>
/// One command's run: its parsed input, and a connection to the cluster made only when the command needs it, so that bad
/// input is reported without waiting for a silo.
/// </summary>
internal sealed class Session(ParseResult input) : IAsyncDisposable
{
    private IHost? host;

    public ParseResult Input => input;

    public string Environment => input.GetValue(ConnectionOptions.Environment)!;

    public async Task<QueueClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var gateway = Endpoint(input.GetValue(ConnectionOptions.Gateway)!);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IQueueSerializer, TerminalSerializer>();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateway)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = input.GetValue(ConnectionOptions.ClusterId)!;
                options.ServiceId = input.GetValue(ConnectionOptions.ServiceId)!;
            })
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false))
            .AddOrleansQueues());
        host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UserErrorException(
                $"No silo answers at {gateway} (cluster '{input.GetValue(ConnectionOptions.ClusterId)}'). " +
                "Start one with: dotnet run --project Silo");
        }

        return host.Services.GetRequiredService<QueueClient>();
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private static IPEndPoint Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new UserErrorException($"--gateway '{text}' is not host:port.");
        }

        var host = text[..colon];
        var address = host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new UserErrorException($"--gateway host '{host}' is unknown.");
        return new IPEndPoint(address, port);
    }
}
