using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B4: durable puts on one partition, with 1 and with 64 producers, against a Release silo process that keeps its queues
/// in a real Azurite. Group commit (C33) should make 64 producers at least 10× as fast as one. A consumer drains the
/// partition meanwhile, as it would in a service; otherwise 64 producers fill its 5,000 items in seconds and wait.
/// </summary>
internal static class DurablePuts
{
    public static async Task<int> RunAsync(TimeSpan duration, bool json)
    {
        Report.Progress("Starting Azurite (npm installs it first if needed)…");
        await using var azurite = await Azurite.StartAsync();
        Report.Progress("Starting a Release silo process on Azure Storage…");
        await using var silo = await SiloProcess.StartAsync("--storage", "azure", $"--Silo:AzureStorage={azurite.ConnectionString}");
        using var client = await silo.ConnectAsync();
        var queues = client.Services.GetRequiredService<QueueClient>();
        var payload = new byte[100];

        Report.Progress($"Warming up for {duration.TotalSeconds / 2:0.#} s…");
        await MeasureAsync(queues.FromName("warm-up", createIfMissing: true), 8, duration / 2, payload);

        var rows = new List<(string, LoadResult)>();
        foreach (var producers in new[] { 1, 64 })
        {
            Report.Progress($"Measuring {producers} producer(s) for {duration.TotalSeconds:0.#} s…");
            var queue = queues.FromName($"durable-puts-{producers}", createIfMissing: true);
            rows.Add(($"durable put, {producers} producer(s)", await MeasureAsync(queue, producers, duration, payload)));
        }

        await client.StopAsync();
        var ratio = rows[1].Item2.PerSecond / rows[0].Item2.PerSecond;
        Report.Print(
            "B4 durable puts to one partition (Azurite), 100-byte items",
            rows,
            $"64 producers / 1 producer = {ratio:0.0}× (target ≥ 10×: {(ratio >= 10 ? "met" : "missed")})",
            json);
        return 0;
    }

    private static async Task<LoadResult> MeasureAsync(DistributedQueue queue, int producers, TimeSpan duration, byte[] payload)
    {
        using var stop = new CancellationTokenSource();
        var consumer = DrainAsync(queue, stop.Token);
        var result = await Load.RunAsync(producers, duration, (_, _) => queue.PutAsync(payload, timeout: TimeSpan.FromSeconds(30)));
        await stop.CancelAsync();
        await consumer;
        return result;
    }

    private static async Task DrainAsync(DistributedQueue queue, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await queue.GetManyAsync<byte[]>(QueueLimits.MaxPartitionItems, block: false, cancellationToken: CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }
}
