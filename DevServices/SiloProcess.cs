using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansQueue.Hosting;

namespace OrleansQueue.DevServices;

/// <summary>The real silo executable, started as its own process on free loopback ports with a cluster id of its own.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiloProcess(Process process, int gatewayPort, string clusterId)
    {
        this.process = process;
        GatewayPort = gatewayPort;
        ClusterId = clusterId;
    }

    public int GatewayPort { get; }

    public string ClusterId { get; }

    public const string ServiceId = "OrleansQueue";

    /// <summary>What the silo printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public Process Process => process;

    /// <summary>
    /// Starts a silo of a cluster of its own on free ports, with extra configuration as command-line arguments
    /// (<c>--Section:Key=value</c>).
    /// </summary>
    public static Task<SiloProcess> StartAsync(params string[] configuration) =>
        StartAsync(Loopback.FreePort(), Loopback.FreePort(), $"test-{Guid.NewGuid():N}", configuration);

    /// <summary>Starts a silo on the given ports in the given cluster: a silo restarted where a killed one was.</summary>
    public static async Task<SiloProcess> StartAsync(int siloPort, int gatewayPort, string clusterId, params string[] configuration)
    {
        // Through env, which restores Ctrl+C's default handling: a test run started in the background inherits SIGINT as
        // ignored, and .NET then leaves it ignored, so the silo would never see the Ctrl+C that a test sends.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--default-signal=INT",
            "dotnet",
            Artifacts.Locate("Silo", "OrleansQueue.Silo.dll"), $"--Silo:SiloPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}", $"--Silo:ClusterId={clusterId}",
            .. configuration,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(start)!, gatewayPort, clusterId);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs line)
        {
            lock (silo.output)
            {
                silo.output.AppendLine(line.Data);
            }

            if (line.Data?.Contains("Silo ready", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        }

        silo.process.OutputDataReceived += Read;
        silo.process.ErrorDataReceived += Read;
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        var delay = Task.Delay(StartTimeout);
        await Task.WhenAny(ready.Task, silo.process.WaitForExitAsync(), delay);
        if (!ready.Task.IsCompleted)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException($"The silo did not start within {StartTimeout}:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>Starts a client host connected to this silo over TCP, with the queue API registered.</summary>
    /// <returns>The started host; <see cref="QueueClient"/> is in its services.</returns>
    public async Task<IHost> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(GatewayPort, ServiceId, ClusterId).AddOrleansQueues());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Asks the silo to stop as Ctrl+C does.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-s", "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The silo did not stop within {timeout} of Ctrl+C:\n{Output}", e);
        }

        return process.ExitCode;
    }

    /// <summary>Kills the silo at once (SIGKILL), as a crash would: it closes nothing and tells no one.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
