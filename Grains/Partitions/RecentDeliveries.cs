using System.Collections.Immutable;
using OrleansQueue.Grains.Partitions.Storage;

namespace OrleansQueue.Grains.Partitions;

/// <summary>
/// The answers of recent gets, by operation, so that a get asked again after its answer was lost (a silo died, a
/// connection broke, a call timed out) receives the same items instead of losing them (C31). An answer is known from the
/// moment its items leave the buffer; once its removal is written it is kept in the head record too, newest first within
/// the bounds: younger than the retention period, at most a thousand, and their items within the byte budget. The head
/// record, rewritten by every get, so stays bounded whatever the partition's length (C32).
/// </summary>
internal sealed class RecentDeliveries(TimeSpan retention, int maxBytes)
{
    // A get asked again comes back within seconds, long before a thousand others follow it.
    private const int Capacity = 1_000;

    // Every answer that can be given again, whether its removal is written yet or not.
    private readonly Dictionary<Guid, Task<TakeResult>> answers = [];

    // The deliveries the head record keeps, oldest first.
    private readonly Queue<RetainedDelivery> kept = new();

    // The bytes of their items.
    private long keptBytes;

    /// <summary>Takes in the deliveries a reloaded head record kept.</summary>
    public void Load(ImmutableArray<RetainedDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            Add(delivery);
            answers[delivery.OperationId] = Task.FromResult(new TakeResult(WaitOutcome.Completed, delivery.Items, 0));
        }
    }

    /// <summary>Remembers the answer of a get whose removal is still to be written.</summary>
    public void Expect(Guid operationId, Task<TakeResult> answer) => answers[operationId] = answer;

    /// <summary>The answer an operation already has, if any.</summary>
    public bool TryFind(Guid operationId, out Task<TakeResult> answer) => answers.TryGetValue(operationId, out answer!);

    /// <summary>Adds the deliveries about to be written, forgets those out of bounds, and gives what the head record keeps.</summary>
    public ImmutableArray<RetainedDelivery> Keep(IEnumerable<RetainedDelivery> delivered, DateTimeOffset now)
    {
        foreach (var delivery in delivered)
        {
            Add(delivery);
        }

        while (kept.TryPeek(out var oldest) && (kept.Count > Capacity || keptBytes > maxBytes || oldest.DeliveredAt < now - retention))
        {
            keptBytes -= BytesOf(kept.Dequeue());
            answers.Remove(oldest.OperationId);
        }

        return [.. kept];
    }

    private void Add(RetainedDelivery delivery)
    {
        kept.Enqueue(delivery);
        keptBytes += BytesOf(delivery);
    }

    private static long BytesOf(RetainedDelivery delivery) => delivery.Items.Sum(item => (long)item.Length);
}
