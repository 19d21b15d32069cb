using System.Diagnostics;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.Benchmarks.Harness;
using OrleansQueue.DevServices;
using StackExchange.Redis;

namespace OrleansQueue.Benchmarks.Scenarios;

/// <summary>
/// B3: wake-up latency. A getter waits on an empty partition through one client; another client puts one item; the time
/// from the put's start to the getter's return is recorded. Beside it: BLPOP woken by LPUSH from another connection.
/// </summary>
internal static class WakeUp
{
    public static async Task<int> RunAsync(int rounds, bool compareRedis, bool json)
    {
        var payload = new byte[100];
        Report.Progress("Starting a Release silo process (in-memory storage) and two clients…");
        await using var silo = await SiloProcess.StartAsync();
        using var getterHost = await silo.ConnectAsync();
        using var putterHost = await silo.ConnectAsync();
        var waiting = getterHost.Services.GetRequiredService<QueueClient>().FromName("b3", createIfMissing: true);
        var putting = putterHost.Services.GetRequiredService<QueueClient>().FromName("b3");

        var rows = new List<(string, LoadResult)>
        {
            ("OrleansQueue get woken by put", await MeasureAsync(rounds, async () =>
            {
                var get = waiting.GetAsync<byte[]>();
                await Task.Delay(1);
                var started = Stopwatch.GetTimestamp();
                await putting.PutAsync(payload);
                await get;
                return Stopwatch.GetElapsedTime(started);
            })),
        };
        await getterHost.StopAsync();
        await putterHost.StopAsync();

        if (compareRedis)
        {
            Report.Progress("Starting redis-server…");
            await using var redis = await RedisServer.StartAsync();
            await using var blocking = await redis.ConnectAsync();
            await using var pushing = await redis.ConnectAsync();
            rows.Add(("Redis BLPOP woken by LPUSH", await MeasureAsync(rounds, async () =>
            {
                var get = blocking.GetDatabase().ExecuteAsync("BLPOP", "b3", 0);
                await Task.Delay(1);
                var started = Stopwatch.GetTimestamp();
                await pushing.GetDatabase().ListLeftPushAsync("b3", payload);
                await get;
                return Stopwatch.GetElapsedTime(started);
            })));
        }

        var ours = rows[0].Item2;
        Report.Print(
            "B3 wake-up latency: a waiting get, a put from another client (latency from put to get's return)",
            rows,
            $"OrleansQueue p50 {ours.Percentile(50):N0} µs (target ≤ 250), p99 {ours.Percentile(99):N0} µs (target ≤ 2,000)",
            json);
        return 0;
    }

    private static async Task<LoadResult> MeasureAsync(int rounds, Func<Task<TimeSpan>> round)
    {
        Report.Progress($"Warming up, then measuring {rounds} rounds…");
        for (var i = 0; i < rounds / 10; i++)
        {
            await round();
        }

        var latency = new LongHistogram(TimeSpan.FromMinutes(1).Ticks / 10, 3);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            latency.RecordValue(Math.Max(1, (long)(await round()).TotalMicroseconds));
        }

        return new LoadResult(1, rounds, clock.Elapsed, latency);
    }
}
