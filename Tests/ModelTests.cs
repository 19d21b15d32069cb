using CsCheck;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>
/// Random sequences of operations over a few partitions, run against real grains and against a plain in-memory model;
/// every answer must match. On a mismatch CsCheck shrinks the sequence to a shortest one that still fails.
/// </summary>
public sealed class ModelTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Random_operation_sequences_match_a_fifo_model() // C10, C11, C13, C14, C18, C19, C20
    {
        var operations = await QueueModel.CheckAsync(NewQueue, samples: 120);

        Assert.True(operations >= 10_000, $"only {operations} operations ran");
    }
}

/// <summary>The same on durable storage, where every put and get goes through staged group commits (C30–C33).</summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableModelTests(DurableClusterFixture fixture)
{
    [Fact]
    public async Task Random_operation_sequences_on_durable_storage_match_a_fifo_model() // C10, C30, C31, C33
    {
        var operations = await QueueModel.CheckAsync(() => fixture.Queues.FromName($"m-{Guid.NewGuid():N}", createIfMissing: true), samples: 15);

        Assert.True(operations >= 1_000, $"only {operations} operations ran");
    }
}

/// <summary>The model: one FIFO per partition, and the random operations to run against it and a queue.</summary>
internal static class QueueModel
{
    private static readonly string?[] Partitions = [null, "a", "b/ü"];

    private abstract record Operation;

    private sealed record Put(int Partition, int Value) : Operation;

    private sealed record PutMany(int Partition, int[] Values) : Operation;

    private sealed record Get(int Partition) : Operation;

    private sealed record GetMany(int Partition, int Count) : Operation;

    private sealed record Len(int Partition) : Operation;

    private sealed record LenTotal : Operation;

    private sealed record Clear(int Partition) : Operation;

    private sealed record ClearAll : Operation;

    private sealed record Iterate(int Partition) : Operation;

    private static readonly Gen<int> Partition = Gen.Int[0, Partitions.Length - 1];

    private static readonly Gen<Operation> Operations = Gen.Frequency(
        (8, Gen.Select(Partition, Gen.Int[0, 1_000], (p, v) => (Operation)new Put(p, v))),
        (3, Gen.Select(Partition, Gen.Int[0, 1_000].Array[0, 6], (p, v) => (Operation)new PutMany(p, v))),
        (6, Partition.Select(p => (Operation)new Get(p))),
        (3, Gen.Select(Partition, Gen.Int[1, 6], (p, n) => (Operation)new GetMany(p, n))),
        (2, Partition.Select(p => (Operation)new Len(p))),
        (1, Gen.Const((Operation)new LenTotal())),
        (1, Partition.Select(p => (Operation)new Clear(p))),
        (1, Gen.Const((Operation)new ClearAll())),
        (2, Partition.Select(p => (Operation)new Iterate(p))));

    /// <summary>Runs random sequences, each on a new queue; returns how many operations ran.</summary>
    public static async Task<long> CheckAsync(Func<DistributedQueue> newQueue, int samples)
    {
        var operations = 0L;
        await Operations.Array[1, 200].SampleAsync(
            async sequence =>
            {
                var queue = newQueue();
                var model = Partitions.Select(_ => new Queue<int>()).ToArray();
                foreach (var operation in sequence)
                {
                    await RunAsync(queue, model, operation);
                }

                Interlocked.Add(ref operations, sequence.Length);
            },
            iter: samples,
            threads: 1);
        return operations;
    }

    private static async Task RunAsync(DistributedQueue queue, Queue<int>[] model, Operation operation)
    {
        switch (operation)
        {
            case Put(var p, var value):
                await queue.PutAsync(value, Partitions[p]);
                model[p].Enqueue(value);
                break;
            case PutMany(var p, var values):
                await queue.PutManyAsync(values, Partitions[p]);
                Array.ForEach(values, model[p].Enqueue);
                break;
            case Get(var p):
                var (found, got) = await queue.TryGetAsync<int>(Partitions[p], block: false);
                Assert.Equal(model[p].TryDequeue(out var expected) ? (true, expected) : (false, 0), (found, got));
                break;
            case GetMany(var p, var count):
                var many = await queue.GetManyAsync<int>(count, Partitions[p], block: false);
                Assert.Equal(Enumerable.Range(0, Math.Min(count, model[p].Count)).Select(_ => model[p].Dequeue()), many);
                break;
            case Len(var p):
                Assert.Equal(model[p].Count, await queue.LenAsync(Partitions[p]));
                break;
            case LenTotal:
                Assert.Equal(model.Sum(q => q.Count), await queue.LenAsync(total: true));
                break;
            case Clear(var p):
                await queue.ClearAsync(Partitions[p]);
                model[p].Clear();
                break;
            case ClearAll:
                await queue.ClearAsync(all: true);
                Array.ForEach(model, q => q.Clear());
                break;
            case Iterate(var p):
                Assert.Equal(model[p], await queue.IterateAsync<int>(Partitions[p]).ToListAsync());
                break;
        }
    }
}
