using OrleansQueue.Benchmarks.Harness;
using StackExchange.Redis;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B1: 64 callers, each putting then getting one 100-byte item on a partition of its own; beside it LPUSH then RPOP on a
/// list of its own per caller, through one StackExchange.Redis multiplexer.
/// </summary>
internal static class PutGetPairs
{
    private const int Callers = 64;

    public static async Task<int> RunAsync(TimeSpan duration, bool compareRedis, bool json)
    {
        var payload = new byte[100];
        var rows = await SideBySide.RunAsync(
            Callers,
            duration,
            compareRedis,
            ("OrleansQueue put+get", queues =>
            {
                var queue = queues.FromName("b1", createIfMissing: true);
                return async caller =>
                {
                    await queue.PutAsync(payload, $"p{caller}");
                    await queue.GetAsync<byte[]>($"p{caller}");
                };
            }),
            ("Redis LPUSH+RPOP", database => async caller =>
            {
                RedisKey key = $"b1:p{caller}";
                await database.ListLeftPushAsync(key, payload);
                await database.ListRightPopAsync(key);
            }),
            ("floor: 2 LenAsync calls", queues =>
            {
                // Two of the cheapest calls to the same partitions: the Orleans client, gateway and grain path alone.
                var queue = queues.FromName("b1", createIfMissing: true);
                return async caller =>
                {
                    await queue.LenAsync($"p{caller}");
                    await queue.LenAsync($"p{caller}");
                };
            }));

        var redis = rows.Find(row => row.Name.StartsWith("Redis", StringComparison.Ordinal));
        var verdict = $"put+get / floor = {rows[0].Result.PerSecond / rows[1].Result.PerSecond:0.00}×; " + (redis.Result is null
            ? "run with --compare-redis for the ratio to Redis"
            : $"OrleansQueue / Redis = {rows[0].Result.PerSecond / redis.Result.PerSecond:0.00}× (target ≥ 1.0×)");
        Report.Print("B1 put then get, 100-byte items, 64 callers over 64 partitions (pairs/s)", rows, verdict, json);
        return 0;
    }
}
