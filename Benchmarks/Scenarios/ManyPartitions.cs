using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B6: one queue with many live partitions (100,000 by default, the limit), one item each: how long
/// <c>LenAsync(total: true)</c> and <c>ClearAsync(all: true)</c> take, against targets of 1 s and 10 s.
/// </summary>
internal static class ManyPartitions
{
    private const int Rounds = 3;

    public static async Task<int> RunAsync(int partitions, bool json)
    {
        Report.Progress("Starting a Release silo process (in-memory storage)…");
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        var queue = client.Services.GetRequiredService<QueueClient>().FromName("b6", createIfMissing: true);

        Report.Progress($"Putting one item into each of {partitions:N0} partitions…");
        var filling = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (partition, cancellationToken) =>
        {
            await queue.PutAsync(partition, $"p{partition}", cancellationToken: cancellationToken);
            if (Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Report.Progress($"{done:N0} partitions live ({done / filling.Elapsed.TotalSeconds:N0} new partitions/s)");
            }
        });

        var counts = new List<(long Total, TimeSpan Took)>();
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            counts.Add((await queue.LenAsync(total: true), Stopwatch.GetElapsedTime(started)));
        }

        Report.Progress("Clearing every partition…");
        var clearing = Stopwatch.GetTimestamp();
        await queue.ClearAsync(all: true);
        var cleared = Stopwatch.GetElapsedTime(clearing);
        var left = await queue.LenAsync(total: true);
        await client.StopAsync();

        var len = counts.Select(count => count.Took).Order().ElementAt(Rounds / 2);
        if (counts.Any(count => count.Total != partitions) || left != 0)
        {
            Console.Error.WriteLine($"Wrong answers: totals {string.Join(", ", counts.Select(count => count.Total))} of {partitions}; {left} left after clearing.");
            return 1;
        }

        if (json)
        {
            Report.Json(new { scenario = "B6", partitions, fillSeconds = filling.Elapsed.TotalSeconds, lenTotalMs = len.TotalMilliseconds, clearAllMs = cleared.TotalMilliseconds });
        }
        else
        {
            Console.WriteLine($"B6 one queue with {partitions:N0} live partitions of one item (filled in {filling.Elapsed.TotalSeconds:N0} s)");
            Console.WriteLine($"LenAsync(total: true): median of {Rounds} {len.TotalMilliseconds:N0} ms (target ≤ 1 s: {(len <= TimeSpan.FromSeconds(1) ? "met" : "missed")})");
            Console.WriteLine($"ClearAsync(all: true): {cleared.TotalMilliseconds:N0} ms (target ≤ 10 s: {(cleared <= TimeSpan.FromSeconds(10) ? "met" : "missed")})");
        }

        return 0;
    }
}
