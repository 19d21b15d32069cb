using OrleansQueue.Benchmarks.Harness;
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
        var values = batch.Select(item => (RedisValue)item).ToArray();
        var rows = await SideBySide.RunAsync(
            Callers,
            duration,
            compareRedis,
            ("OrleansQueue put/get 100", queues =>
            {
                var queue = queues.FromName("b2", createIfMissing: true);
                return async caller =>
                {
                    await queue.PutManyAsync(batch, $"p{caller}");
                    await queue.GetManyAsync<byte[]>(BatchSize, $"p{caller}");
                };
            }),
            ("Redis LPUSH 100/LPOP 100", database => async caller =>
            {
                RedisKey key = $"b2:p{caller}";
                await database.ListLeftPushAsync(key, values);
                await database.ListLeftPopAsync(key, BatchSize);
            }));

        var verdict = rows.Count < 2
            ? $"items/s = rounds/s × {BatchSize}; run with --compare-redis for the ratio"
            : $"items/s: OrleansQueue {rows[0].Result.PerSecond * BatchSize:N0}, Redis {rows[1].Result.PerSecond * BatchSize:N0}; " +
              $"ratio {rows[0].Result.PerSecond / rows[1].Result.PerSecond:0.00}× (target ≥ 1.0×)";
        Report.Print($"B2 batches of {BatchSize} items of 100 bytes, 16 callers (rounds/s; a round puts and gets {BatchSize})", rows, verdict, json);
        return 0;
    }
}
