using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansQueue.DevServices;

/// <summary>
/// A real Azurite, the Azure Storage emulator pinned in the repository's package.json, installed with npm if it is not
/// yet, and started on free loopback ports with a fresh data folder; stopped and its folder removed on dispose.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account.
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly string folder;

    private Azurite(Process process, string folder, int blobPort, int tablePort)
    {
        this.process = process;
        this.folder = folder;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";
    }

    /// <summary>The connection string of this Azurite's blob and table services.</summary>
    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root, TimeSpan.FromMinutes(5));
        }

        var folder = Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blobPort, queuePort, tablePort) = (Loopback.FreePort(), Loopback.FreePort(), Loopback.FreePort());
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", folder,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new Azurite(process, folder, blobPort, tablePort);
        var deadline = Stopwatch.StartNew();
        while (!(await AcceptsAsync(blobPort) && await AcceptsAsync(tablePort)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await instance.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start (exit code {(process.HasExited ? process.ExitCode : "none")}).");
            }

            await Task.Delay(100);
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task RunAsync(string command, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(timeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No package.json above the test assembly: run the tests from a checkout.");
    }
}
