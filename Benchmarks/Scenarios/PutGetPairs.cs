using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;
using StackExchange.Redis;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B1: 64 callers, each putting then getting one 100-byte item on a partition of its own, against a Release silo process
/// (in memory); beside it the same through StackExchange.Redis: LPUSH then RPOP on a list of its own per caller.
/// </summary>
internal static class PutGetPairs
{
    private const int Callers = 64;

    public static async Task<int> RunAsync(TimeSpan duration, bool compareRedis, bool json)
    {
        var payload = new byte[100];
        Report.Progress("Starting a Release silo process (in-memory storage)…");
        await using var silo = await SiloProcess.StartAsync();
        using var client = await silo.ConnectAsync();
        var queue = client.Services.GetRequiredService<QueueClient>().FromName("b1", createIfMissing: true);
        async Task Pair(int caller)
        {
            var partition = $"p{caller}";
            await queue.PutAsync(payload, partition);
            await queue.GetAsync<byte[]>(partition);
        }

        Report.Progress($"Warming up for {duration.TotalSeconds / 2:0.#} s…");
        await Load.RunAsync(Callers, duration / 2, (caller, _) => Pair(caller));
        Report.Progress($"Measuring OrleansQueue for {duration.TotalSeconds:0.#} s…");
        var rows = new List<(string, LoadResult)> { ("OrleansQueue put+get", await Load.RunAsync(Callers, duration, (caller, _) => Pair(caller))) };
        await client.StopAsync();

        if (compareRedis)
        {
            Report.Progress("Starting redis-server…");
            await using var redis = await RedisServer.StartAsync();
            await using var connection = await redis.ConnectAsync();
            var database = connection.GetDatabase();
            async Task RedisPair(int caller)
            {
                RedisKey key = $"b1:p{caller}";
                await database.ListLeftPushAsync(key, payload);
                await database.ListRightPopAsync(key);
            }

            await Load.RunAsync(Callers, duration / 2, (caller, _) => RedisPair(caller));
            Report.Progress($"Measuring Redis for {duration.TotalSeconds:0.#} s…");
            rows.Add(("Redis LPUSH+RPOP", await Load.RunAsync(Callers, duration, (caller, _) => RedisPair(caller))));
        }

        var verdict = rows.Count < 2
            ? "run with --compare-redis for the ratio"
            : $"OrleansQueue / Redis = {rows[0].Item2.PerSecond / rows[1].Item2.PerSecond:0.00}× (target ≥ 1.0×)";
        Report.Print("B1 put then get, 100-byte items, 64 callers over 64 partitions (pairs/s)", rows, verdict, json);
        return 0;
    }
}
