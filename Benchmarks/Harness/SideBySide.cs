using Microsoft.Extensions.DependencyInjection;
using OrleansQueue.DevServices;
using StackExchange.Redis;

namespace OrleansQueue.Benchmarks.Harness;

/// <summary>
/// Runs one workload through OrleansQueue (a Release silo process, in memory) and, when asked, its equivalent through
/// Redis, with the same callers in the same run: a warm-up, then a measured run, each. A floor workload, if given, runs
/// on the same silo after ours: the cheapest calls of the same shape, to show what the Orleans path alone costs.
/// </summary>
internal static class SideBySide
{
    public static async Task<List<(string Name, LoadResult Result)>> RunAsync(
        int callers,
        TimeSpan duration,
        bool compareRedis,
        (string Name, Func<QueueClient, Func<int, Task>> Workload) ours,
        (string Name, Func<IDatabase, Func<int, Task>> Workload) redis,
        (string Name, Func<QueueClient, Func<int, Task>> Workload)? floor = null)
    {
        Report.Progress("Starting a Release silo process (in-memory storage)…");
        var rows = new List<(string, LoadResult)>();
        await using (var silo = await SiloProcess.StartAsync())
        {
            using var client = await silo.ConnectAsync();
            var queues = client.Services.GetRequiredService<QueueClient>();
            rows.Add((ours.Name, await WarmThenMeasureAsync(ours.Name, ours.Workload(queues))));
            if (floor is { } cheapest)
            {
                rows.Add((cheapest.Name, await WarmThenMeasureAsync(cheapest.Name, cheapest.Workload(queues))));
            }

            await client.StopAsync();
        }

        if (compareRedis)
        {
            Report.Progress("Starting redis-server…");
            await using var server = await RedisServer.StartAsync();
            await using var connection = await server.ConnectAsync();
            rows.Add((redis.Name, await WarmThenMeasureAsync(redis.Name, redis.Workload(connection.GetDatabase()))));
        }

        return rows;

        async Task<LoadResult> WarmThenMeasureAsync(string name, Func<int, Task> call)
        {
            Report.Progress($"{name}: warming up for {duration.TotalSeconds / 2:0.#} s, then measuring for {duration.TotalSeconds:0.#} s…");
            await Load.RunAsync(callers, duration / 2, (caller, _) => call(caller));
            return await Load.RunAsync(callers, duration, (caller, _) => call(caller));
        }
    }
}
