using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>
/// Every invalid input and broken limit of the contract, in one table, thrown at the public API against one queue that
/// is at its limits: each gives its exact exception, and afterwards the queue, its partitions and its environment are
/// exactly as they were.
/// </summary>
public sealed class BadInputCatalogTests(ClusterFixture fixture) : QueueTests(fixture)
{
    private static readonly TimeSpan Briefly = TimeSpan.FromMilliseconds(200);

    /// <summary>What a row acts on: a queue with two items in its default partition, a full partition, and every other live partition it may have.</summary>
    private sealed record Scene(QueueClient Queues, DistributedQueue Queue, string Name, string Environment);

    /// <summary>One bad input: the rule it breaks, what it does, and the exception it must give.</summary>
    private sealed record BadInput(string Rule, string Case, Type Expected, string? Parameter, Func<Scene, Task> Act);

    private static IEnumerable<BadInput> Catalog()
    {
        string[] badNames = ["", new string('a', 65), "has space", "slash/name", "ünïcode", "emoji🎉", "colon:name"];
        foreach (var name in badNames)
        {
            yield return Refused("C1", $"FromName(\"{name}\")", "name", s => Sync(() => s.Queues.FromName(name)));
            yield return Refused("C1", $"FromName(environment: \"{name}\")", "environment", s => Sync(() => s.Queues.FromName("fine", environment: name)));
            yield return Refused("C1", $"CreateAsync(\"{name}\")", "name", s => s.Queues.CreateAsync(name, environment: s.Environment));
            yield return Refused("C1", $"CreateAsync(environment: \"{name}\")", "environment", s => s.Queues.CreateAsync("fine", environment: name));
            yield return Refused("C1", $"DeleteAsync(\"{name}\")", "name", s => s.Queues.DeleteAsync(name, environment: s.Environment));
        }

        yield return new("C1", "FromName(null)", typeof(ArgumentNullException), "name", s => Sync(() => s.Queues.FromName(null!)));
        yield return Refused("C1", "FromId(\"not-an-id\")", "id", s => Sync(() => s.Queues.FromId("not-an-id")));

        string[] badPartitions = ["", new string('x', 65), "nul\0inside", "lone\uD800surrogate", string.Concat(Enumerable.Repeat("🎉", 17))];
        foreach (var p in badPartitions)
        {
            var shown = p.Replace("\0", "\\0", StringComparison.Ordinal);
            yield return Refused("C2", $"PutAsync(partition: \"{shown}\")", "partition", s => s.Queue.PutAsync("x", partition: p));
            yield return Refused("C2", $"PutManyAsync(partition: \"{shown}\")", "partition", s => s.Queue.PutManyAsync(["x", "y"], partition: p));
            yield return Refused("C2", $"GetAsync(partition: \"{shown}\")", "partition", s => s.Queue.GetAsync<string>(partition: p));
            yield return Refused("C2", $"TryGetAsync(partition: \"{shown}\")", "partition", s => s.Queue.TryGetAsync<string>(partition: p));
            yield return Refused("C2", $"GetManyAsync(partition: \"{shown}\")", "partition", s => s.Queue.GetManyAsync<string>(2, partition: p));
            yield return Refused("C2", $"LenAsync(partition: \"{shown}\")", "partition", s => s.Queue.LenAsync(partition: p));
            yield return Refused("C2", $"ClearAsync(partition: \"{shown}\")", "partition", s => s.Queue.ClearAsync(partition: p));
            yield return Refused("C2", $"IterateAsync(partition: \"{shown}\")", "partition", s => DrainAsync(s.Queue.IterateAsync<string>(partition: p)));
        }

        var tooLarge = new byte[QueueLimits.MaxItemBytes];
        yield return new("C3", "PutAsync(an item over 1 MiB)", typeof(QueueItemTooLargeException), null, s => s.Queue.PutAsync(tooLarge));
        yield return new("C3", "PutManyAsync(a batch with one item over 1 MiB)", typeof(QueueItemTooLargeException), null,
            s => s.Queue.PutManyAsync<object>(["fits", tooLarge]));

        yield return new("C4", "PutAsync(full partition, block: false)", typeof(QueueFullException), null, s => s.Queue.PutAsync("x", partition: "full", block: false));
        yield return new("C4", "PutAsync(full partition, timeout)", typeof(QueueFullException), null, s => s.Queue.PutAsync("x", partition: "full", timeout: Briefly));
        yield return new("C4", "PutManyAsync(full partition, block: false)", typeof(QueueFullException), null,
            s => s.Queue.PutManyAsync(["x", "y"], partition: "full", block: false));
        yield return new("C5", "PutAsync(one partition more than the limit)", typeof(QueueFullException), null, s => s.Queue.PutAsync("x", partition: "one-too-many"));

        foreach (var ttl in (double[])[-1, 0, 0.999, TimeSpan.FromHours(24).TotalSeconds + 1])
        {
            yield return new("C6", $"PutAsync(partitionTtl: {ttl} s)", typeof(ArgumentOutOfRangeException), "partitionTtl",
                s => s.Queue.PutAsync("x", partitionTtl: TimeSpan.FromSeconds(ttl)));
            yield return new("C6", $"PutManyAsync(partitionTtl: {ttl} s)", typeof(ArgumentOutOfRangeException), "partitionTtl",
                s => s.Queue.PutManyAsync(["x"], partitionTtl: TimeSpan.FromSeconds(ttl)));
        }

        foreach (var count in (int[])[-1, 0, QueueLimits.MaxPartitionItems + 1])
        {
            yield return new("C7", $"GetManyAsync({count})", typeof(ArgumentOutOfRangeException), "count", s => s.Queue.GetManyAsync<string>(count));
        }

        yield return Refused("C7", "PutManyAsync(5,001 items)", "values", s => s.Queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems + 1)));
        yield return new("C7", "PutManyAsync(null)", typeof(ArgumentNullException), "values", s => s.Queue.PutManyAsync<string>(null!));

        yield return Refused("C8", "LenAsync(partition, total: true)", "total", s => s.Queue.LenAsync(partition: "k0", total: true));
        yield return Refused("C8", "ClearAsync(partition, all: true)", "all", s => s.Queue.ClearAsync(partition: "k0", all: true));

        var negative = TimeSpan.FromSeconds(-1);
        yield return new("C12", "PutAsync(timeout: -1 s)", typeof(ArgumentOutOfRangeException), "timeout", s => s.Queue.PutAsync("x", timeout: negative));
        yield return new("C12", "PutManyAsync(timeout: -1 s)", typeof(ArgumentOutOfRangeException), "timeout", s => s.Queue.PutManyAsync(["x"], timeout: negative));
        yield return new("C13", "GetAsync(timeout: -1 s)", typeof(ArgumentOutOfRangeException), "timeout", s => s.Queue.GetAsync<string>(timeout: negative));
        yield return new("C13", "TryGetAsync(timeout: -1 s)", typeof(ArgumentOutOfRangeException), "timeout", s => s.Queue.TryGetAsync<string>(timeout: negative));
        yield return new("C14", "GetManyAsync(timeout: -1 s)", typeof(ArgumentOutOfRangeException), "timeout", s => s.Queue.GetManyAsync<string>(2, timeout: negative));
        yield return new("C20", "IterateAsync(itemPollTimeout: -1 s)", typeof(ArgumentOutOfRangeException), "itemPollTimeout",
            s => DrainAsync(s.Queue.IterateAsync<string>(itemPollTimeout: negative)));
        yield return new("C13", "GetAsync(empty partition, block: false)", typeof(QueueEmptyException), null, s => s.Queue.GetAsync<string>(partition: "k-empty", block: false));
        yield return new("C13", "GetAsync(empty partition, timeout)", typeof(QueueEmptyException), null, s => s.Queue.GetAsync<string>(partition: "k-empty", timeout: Briefly));
        yield return new("C14", "GetManyAsync(empty partition, timeout)", typeof(QueueEmptyException), null,
            s => s.Queue.GetManyAsync<string>(2, partition: "k-empty", timeout: Briefly));

        yield return new("C22", "LenAsync() of a queue that does not exist", typeof(QueueNotFoundException), null,
            s => s.Queues.FromName("missing", environment: s.Environment).LenAsync());
        yield return new("C23", "CreateAsync(an existing name)", typeof(QueueAlreadyExistsException), null, s => s.Queues.CreateAsync(s.Name, environment: s.Environment));
        yield return new("C23", "DeleteAsync(a missing name)", typeof(QueueNotFoundException), null, s => s.Queues.DeleteAsync("missing", environment: s.Environment));

        yield return new("C24", "ListAsync(maxObjects: 0)", typeof(ArgumentOutOfRangeException), "maxObjects",
            s => DrainAsync(s.Queues.ListAsync(maxObjects: 0, environment: s.Environment)));
        yield return new("C18", "ListPartitionsAsync(pageSize: 0)", typeof(ArgumentOutOfRangeException), "pageSize", s => DrainAsync(s.Queue.ListPartitionsAsync(pageSize: 0)));
    }

    [Fact]
    public async Task Every_bad_input_gives_its_exact_exception_and_changes_nothing() // C1-C8, C12-C14, C20, C22-C24
    {
        var scene = await SceneAtItsLimitsAsync();
        var before = await SnapshotAsync(scene);
        var wrong = new List<string>();

        foreach (var row in Catalog())
        {
            var error = await Record.ExceptionAsync(() => row.Act(scene));
            if (error?.GetType() != row.Expected)
            {
                wrong.Add($"{row.Rule} {row.Case}: expected {row.Expected.Name}, got {error?.GetType().Name ?? "no exception"}");
            }
            else if (row.Parameter is not null && ((ArgumentException)error).ParamName != row.Parameter)
            {
                wrong.Add($"{row.Rule} {row.Case}: expected parameter {row.Parameter}, got {((ArgumentException)error).ParamName}");
            }
            else if (await SnapshotAsync(scene) is var after && after != before)
            {
                wrong.Add($"{row.Rule} {row.Case}: changed the queue from\n{before}\nto\n{after}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.True(Catalog().Count() > 100);
    }

    /// <summary>
    /// A queue in its own environment with "a", "b" in its default partition, 5,000 items in "full" (C4), and one item in
    /// each of enough other partitions to reach the test cluster's live-partition limit (C5).
    /// </summary>
    private async Task<Scene> SceneAtItsLimitsAsync()
    {
        var scene = new Scene(Queues, null!, "catalog", UniqueName());
        scene = scene with { Queue = await Queues.CreateAsync(scene.Name, environment: scene.Environment) };
        await scene.Queue.PutManyAsync(["a", "b"]);
        await scene.Queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems), partition: "full");
        for (var i = 0; i < ClusterFixture.MaxPartitions - 2; i++)
        {
            await scene.Queue.PutAsync(i, partition: $"k{i}");
        }

        return scene;
    }

    /// <summary>Everything a bad input could change: the live partitions and their lengths, the default partition's items, and the environment's queues.</summary>
    private static async Task<string> SnapshotAsync(Scene scene)
    {
        var partitions = new List<string>();
        await foreach (var partition in scene.Queue.ListPartitionsAsync())
        {
            partitions.Add($"{partition.Partition ?? "(default)"}={partition.Length} waiting {partition.WaitingGetters}/{partition.WaitingPutters}");
        }

        var items = new List<string>();
        await foreach (var item in scene.Queue.IterateAsync<string>())
        {
            items.Add(item);
        }

        var queues = new List<string>();
        await foreach (var queue in scene.Queues.ListAsync(environment: scene.Environment))
        {
            queues.Add($"{queue.Info.Name}:{queue.LivePartitions}:{queue.TotalItems}");
        }

        return $"partitions [{string.Join(", ", partitions.Order(StringComparer.Ordinal))}]; " +
               $"default [{string.Join(", ", items)}]; queues [{string.Join(", ", queues)}]; total {await scene.Queue.LenAsync(total: true)}";
    }

    private static BadInput Refused(string rule, string @case, string parameter, Func<Scene, Task> act) =>
        new(rule, @case, typeof(ArgumentException), parameter, act);

    private static Task Sync(Action act)
    {
        act();
        return Task.CompletedTask;
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> sequence)
    {
        await foreach (var _ in sequence)
        {
        }
    }
}
