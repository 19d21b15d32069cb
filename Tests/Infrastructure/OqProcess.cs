using System.Diagnostics;
using OrleansQueue.DevServices;

namespace OrleansQueue.Tests.Infrastructure;

/// <summary>What one run of the real <c>oq</c> executable printed and how it exited.</summary>
public sealed record OqResult(int ExitCode, string Out, string Error)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs <c>oq</c> as its own process against a silo, with no terminal: stdin is a pipe.</summary>
public static class OqProcess
{
    public static async Task<OqResult> RunAsync(SiloProcess? silo, string[] arguments, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Artifacts.Locate("Cli", "oq.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (silo is not null)
        {
            start.ArgumentList.Add("--gateway");
            start.ArgumentList.Add($"127.0.0.1:{silo.GatewayPort}");
            start.ArgumentList.Add("--cluster-id");
            start.ArgumentList.Add(silo.ClusterId);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new OqResult(process.ExitCode, await output, await error);
    }
}
