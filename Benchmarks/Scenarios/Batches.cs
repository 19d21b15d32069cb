using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;
using StackExchange.Redis;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B2: 16 callers, each putting 100 items of 100 bytes with one <c>PutManyAsync</c> and taking them back with one
/// <c>GetManyAsync</c>, on a partition of its own; beside it LPUSH of 100 values and LPOP with a count of 100.
/// Figures are items per second (a round moves 100 items in and 100 out).
/// </summary>
internal static class Batches
{
    private const int Callers = 16;
    private const int BatchSize = 100;

    public static async Task<int> RunAsync(TimeSpan duration, bool compareRedis, bool json)
    {
        var batch = Enumerable.Range(0, BatchSize).Select(_ => new byte[100]).ToArray();
        Report.Progress("Starting a Release silo process (in-memory storage)…");
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        var queue = client.Services.GetRequiredService<QueueClient>().FromName("b2", createIfMissing: true);
        async Task Round(int caller)
        {
            var partition = $"p{caller}";
            await queue.PutManyAsync(batch, partition);
            await queue.GetManyAsync<byte[]>(BatchSize, partition);
        }

        Report.Progress($"Warming up for {duration.TotalSeconds / 2:0.#} s…");
        await Load.RunAsync(Callers, duration / 2, (caller, _) => Round(caller));
        Report.Progress($"Measuring OrleansQueue for {duration.TotalSeconds:0.#} s…");
        var rows = new List<(string, LoadResult)> { ("OrleansQueue put/get 100", await Load.RunAsync(Callers, duration, (caller, _) => Round(caller))) };
        await client.StopAsync();

        if (compareRedis)
        {
            Report.Progress("Starting redis-server…");
            await using var redis = await RedisServer.StartAsync();
            await using var connection = await redis.ConnectAsync();
            var database = connection.GetDatabase();
            var values = batch.Select(item => (RedisValue)item).ToArray();
            async Task RedisRound(int caller)
            {
                RedisKey key = $"b2:p{caller}";
                await database.ListLeftPushAsync(key, values);
                await database.ListLeftPopAsync(key, BatchSize);
            }

            await Load.RunAsync(Callers, duration / 2, (caller, _) => RedisRound(caller));
            Report.Progress($"Measuring Redis for {duration.TotalSeconds:0.#} s…");
            rows.Add(("Redis LPUSH 100/LPOP 100", await Load.RunAsync(Callers, duration, (caller, _) => RedisRound(caller))));
        }

        var verdict = rows.Count < 2
            ? $"items/s = rounds/s × {BatchSize}; run with --compare-redis for the ratio"
            : $"items/s: OrleansQueue {rows[0].Item2.PerSecond * BatchSize:N0}, Redis {rows[1].Item2.PerSecond * BatchSize:N0}; " +
              $"ratio {rows[0].Item2.PerSecond / rows[1].Item2.PerSecond:0.00}× (target ≥ 1.0×)";
        Report.Print($"B2 batches of {BatchSize} items of 100 bytes, 16 callers (rounds/s; a round puts and gets {BatchSize})", rows, verdict, json);
        return 0;
    }
}
