using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansQueue.Chaos;

/// <summary>
/// One chaos run: producers and consumers on a durable queue while silos are killed and restarted; then the cluster
/// heals, every partition is drained, and the history is checked.
/// </summary>
internal sealed class ChaosRun(ChaosOptions options)
{
    // Short enough that a call stuck on a killed silo fails over within the run, long enough for a loaded 2-core machine.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    // How long a consumer's get waits for an item; a put waits as long for room.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    // How long the drain may take, failovers included.
    private static readonly TimeSpan DrainPatience = TimeSpan.FromMinutes(3);

    private readonly History history = new();
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly string[] partitions = [.. Enumerable.Range(0, options.Partitions).Select(i => $"p{i}")];
    private int kills;

    /// <summary>Runs, prints the summary, and answers the exit code: 0 if the history holds, 1 if not.</summary>
    public async Task<int> RunAsync(bool json)
    {
        await using var cluster = await ChaosCluster.StartAsync(options.Silos, Progress);
        using var client = await cluster.ConnectAsync(ResponseTimeout);
        var queue = client.Services.GetRequiredService<QueueClient>().FromName($"chaos-{Guid.NewGuid():N}", createIfMissing: true);
        await queue.InfoAsync();

        Progress($"Running {options.Producers} producers and {options.Consumers} consumers over {options.Partitions} partitions " +
                 $"for {options.Duration.TotalSeconds:N0} s, killing a silo every {options.KillEvery.TotalSeconds:N0} s…");
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource();
        Task[] workers =
        [
            .. Enumerable.Range(0, options.Producers).Select(producer => ProduceAsync(queue, producer, stop.Token)),
            .. Enumerable.Range(0, options.Consumers).Select(consumer => ConsumeAsync(queue, consumer, stop.Token)),
        ];
        await KillAndRestartAsync(cluster);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var underFaults = Stopwatch.GetElapsedTime(started);

        Progress("Every silo is up again: draining every partition…");
        await DrainAsync(queue);
        var verdict = Checker.Check(history.Puts, history.Gets);
        Print(verdict, underFaults, json);
        return verdict.Holds ? 0 : 1;
    }

    private async Task KillAndRestartAsync(ChaosCluster cluster)
    {
        var random = new Random();
        var started = Stopwatch.GetTimestamp();
        while (options.KillEvery * (kills + 1) < options.Duration)
        {
            await Task.Delay(options.KillEvery * (kills + 1) - Stopwatch.GetElapsedTime(started));
            var slot = random.Next(cluster.Size);
            await cluster.KillAsync(slot);
            kills++;
            Progress($"Killed silo {slot} (kill {kills}); {Status()}");
            await Task.Delay(options.Downtime);
            await cluster.StartSiloAsync(slot);
            Progress($"Restarted silo {slot}");
        }

        var left = options.Duration - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    private async Task ProduceAsync(DistributedQueue queue, int producer, CancellationToken stop)
    {
        for (long sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var value = ChaosValue.Of(producer, sequence);
            var partition = partitions[sequence % partitions.Length];
            var started = History.Now;
            try
            {
                // Stopping lets the call in flight finish, so that its outcome is known.
                await queue.PutAsync(value, partition, timeout: Wait, cancellationToken: CancellationToken.None);
                history.Add(new PutRecord(value, partition, started, History.Now, Acknowledged: true));
            }
            catch (Exception e)
            {
                // Whatever the error, the put may have been stored: the checker treats it as indeterminate.
                history.Add(new PutRecord(value, partition, started, History.Now, Acknowledged: false));
                await FailedAsync(e);
            }
        }
    }

    private async Task ConsumeAsync(DistributedQueue queue, int consumer, CancellationToken stop)
    {
        var random = new Random(consumer);
        while (!stop.IsCancellationRequested)
        {
            await GetAsync(queue, $"consumer {consumer}", partitions[random.Next(partitions.Length)], 10, block: true);
        }
    }

    /// <summary>Gets until each partition answers empty; a get that fails is made again, until the drain runs out of time.</summary>
    private async Task DrainAsync(DistributedQueue queue)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(DrainPatience.TotalSeconds * Stopwatch.Frequency);
        foreach (var partition in partitions)
        {
            GetRecord get;
            do
            {
                get = await GetAsync(queue, "drain", partition, 1_000, block: false);
            }
            while (get.Values.Count > 0 || (get.Failed && Stopwatch.GetTimestamp() < deadline));
        }
    }

    /// <summary>Makes and records one get.</summary>
    private async Task<GetRecord> GetAsync(DistributedQueue queue, string consumer, string partition, int count, bool block)
    {
        var started = History.Now;
        IReadOnlyList<long> values = [];
        var failed = false;
        try
        {
            values = await queue.GetManyAsync<long>(count, partition, block, Wait);
        }
        catch (QueueEmptyException)
        {
        }
        catch (Exception e)
        {
            failed = true;
            await FailedAsync(e);
        }

        var get = new GetRecord(consumer, partition, started, History.Now, values, failed);
        history.Add(get);
        return get;
    }

    private async Task FailedAsync(Exception e)
    {
        errors.AddOrUpdate(e.GetType().Name, 1, (_, count) => count + 1);
        await Task.Delay(100);
    }

    private string Status() =>
        $"{history.Puts.Count:N0} puts, {history.Gets.Count:N0} gets, {errors.Values.Sum():N0} errors so far";

    private void Print(Verdict verdict, TimeSpan underFaults, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { verdict, kills, seconds = Math.Round(underFaults.TotalSeconds), errors }));
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Chaos run: {options.Silos} silo processes, {underFaults.TotalSeconds:N0} s under faults, {kills} kills");
        Row("operations", verdict.Puts + verdict.Gets, $"{verdict.Puts:N0} puts, {verdict.Gets:N0} gets (the drain included)");
        Row("kills", kills, $"SIGKILL of a random silo every {options.KillEvery.TotalSeconds:N0} s, restarted {options.Downtime.TotalSeconds:N0} s later");
        Row("acknowledged puts", verdict.Acknowledged, "");
        Row("consumed", verdict.Consumed, "values returned by gets and the drain");
        Row("lost", verdict.Lost, "acknowledged, never returned");
        Row("duplicated", verdict.Duplicated, "returned more than once");
        Row("reordered", verdict.Reordered, "returned before an earlier value of the same producer and partition");
        Row("unexpected", verdict.Unexpected, "never put, or from another partition");
        Row("indeterminate puts", verdict.Indeterminate, $"ended in an error; {verdict.IndeterminateFound:N0} of them were stored (each once)");
        Row("failed gets", verdict.FailedGets, "ended in an error after failing over");
        Console.WriteLine($"errors seen: {(errors.IsEmpty ? "none" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} x{e.Value}")))}");
        Console.WriteLine(verdict.Holds ? "PASS: nothing lost, duplicated, reordered or made up." : "FAIL: the history breaks the queue's promises.");
    }

    private static void Row(string name, int count, string meaning) => Console.WriteLine($"  {name,-20} {count,10:N0}  {meaning}");

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
