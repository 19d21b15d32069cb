using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B5: the silo process's working set after storing 1,000,000 items of 100 bytes over 1,000 partitions, against the
/// same silo before, both read from the operating system as an operator would.
/// </summary>
internal static class Memory
{
    private const int Partitions = 1_000;
    private const int ItemsPerPartition = 1_000;

    public static async Task<int> RunAsync(bool json)
    {
        Report.Progress("Starting a Release silo process (in-memory storage)…");
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        var queue = client.Services.GetRequiredService<QueueClient>().FromName("b5", createIfMissing: true);
        var batch = Enumerable.Range(0, ItemsPerPartition).Select(_ => new byte[100]).ToArray();

        // Warm the paths the load uses, so that the baseline includes what any working silo has loaded.
        await queue.PutManyAsync(batch, "warm-up");
        await queue.ClearAsync("warm-up");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var empty = WorkingSet(silo);

        Report.Progress($"Putting {Partitions * ItemsPerPartition:N0} items over {Partitions:N0} partitions…");
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Partitions), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (partition, cancellationToken) =>
        {
            await queue.PutManyAsync(batch, $"p{partition}", cancellationToken: cancellationToken);
            if (Interlocked.Increment(ref done) % 100 == 0)
            {
                Report.Progress($"{done:N0} partitions filled");
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        var full = WorkingSet(silo);
        var total = await queue.LenAsync(total: true);
        await client.StopAsync();

        var grown = (full - empty) / (1024.0 * 1024);
        if (json)
        {
            Report.Json(new { scenario = "B5", items = total, emptyMiB = empty / 1048576.0, fullMiB = full / 1048576.0, grownMiB = grown });
        }
        else
        {
            Console.WriteLine("B5 silo working set, 1,000,000 items of 100 bytes over 1,000 partitions");
            Console.WriteLine($"items stored: {total:N0}; empty silo {empty / 1048576.0:N0} MiB; full silo {full / 1048576.0:N0} MiB");
            Console.WriteLine($"grown by {grown:N0} MiB (target ≤ 300 MB: {(grown * 1.048576 <= 300 ? "met" : "missed")})");
        }

        return 0;
    }

    private static long WorkingSet(SiloProcess silo)
    {
        silo.Process.Refresh();
        return silo.Process.WorkingSet64;
    }
}
