using System.Collections.Immutable;
using Orleans.Storage;

namespace OrleansQueue.Grains.Partitions.Storage;

/// <summary>
/// The durable records of one partition in a grain storage provider: one <see cref="PartitionSegment"/> per group commit of
/// puts, and one small <see cref="PartitionHead"/> rewritten when items are consumed. A put or a get therefore writes
/// its own items or a few numbers, whatever the partition's length (C32). Segments wholly consumed are deleted, but for
/// the newest, which keeps the tail's sequence number and the expiry.
/// </summary>
internal sealed class PartitionStore(IGrainStorage storage, GrainId grainId)
{
    private const string HeadRecord = "head";

    // The head record with its ETag.
    private readonly GrainState<PartitionHead> head = new(new PartitionHead());

    // The segments not yet deleted, oldest first.
    private readonly Queue<StoredSegment> segments = new();

    // The number the next segment is written under.
    private long nextSegment;

    public async Task<PartitionSnapshot> LoadAsync()
    {
        await storage.ReadStateAsync(HeadRecord, grainId, head);
        head.State ??= new PartitionHead();
        var items = new List<StoredItem>();
        PartitionSegment? newest = null;
        for (nextSegment = head.State.HeadSegment; ; nextSegment++)
        {
            var record = new GrainState<PartitionSegment>(new PartitionSegment());
            await storage.ReadStateAsync(SegmentName(nextSegment), grainId, record);
            if (!record.RecordExists)
            {
                break;
            }

            newest = record.State ?? throw new InvalidDataException($"{SegmentName(nextSegment)} exists but holds nothing.");
            segments.Enqueue(new StoredSegment(nextSegment, newest.LastSequence, record.ETag));
            for (var i = 0; i < newest.Items.Length; i++)
            {
                if (newest.FirstSequence + i >= head.State.Head)
                {
                    items.Add(new StoredItem(newest.FirstSequence + i, newest.Items[i], newest.StoredAt.UtcTicks));
                }
            }
        }

        var deliveries = head.State.Deliveries.IsDefault ? [] : head.State.Deliveries;
        return newest is null
            ? new PartitionSnapshot(items, null, default, Live: false, deliveries)
            : new PartitionSnapshot(items, newest.LastSequence + 1, newest.ExpiresAt, newest.LastSequence > head.State.ReleasedAfter, deliveries);
    }

    /// <summary>Writes a new segment; it must not exist yet, which fences off a second activation of the partition.</summary>
    public async Task AppendAsync(long firstSequence, ImmutableArray<byte[]> items, DateTimeOffset storedAt, DateTimeOffset expiresAt)
    {
        var number = nextSegment++;
        var record = new GrainState<PartitionSegment>(
            new PartitionSegment { FirstSequence = firstSequence, Items = [.. items], StoredAt = storedAt, ExpiresAt = expiresAt });
        await storage.WriteStateAsync(SegmentName(number), grainId, record);
        segments.Enqueue(new StoredSegment(number, firstSequence + items.Length - 1, record.ETag));
    }

    /// <summary>
    /// Records that every item before <paramref name="newHead"/> is consumed, with the deliveries to keep, then deletes the
    /// segments that freed.
    /// </summary>
    public async Task MoveHeadAsync(long newHead, long releasedAfter, ImmutableArray<RetainedDelivery> deliveries)
    {
        var state = head.State ??= new PartitionHead();
        state.Head = newHead;
        state.ReleasedAfter = releasedAfter;
        state.Deliveries = deliveries;
        state.HeadSegment = segments.FirstOrDefault(segment => segment.LastSequence >= newHead)?.Number
            ?? (segments.Count > 0 ? segments.Last().Number : nextSegment);
        await storage.WriteStateAsync(HeadRecord, grainId, head);

        // Only segments below the recorded head segment may go: a reload reads on from it until a segment is missing, so
        // a gap after it would hide every segment beyond, and the next put would write a number that still exists.
        while (segments.Count > 1 && segments.Peek().Number < state.HeadSegment)
        {
            await DeleteAsync(segments.Dequeue());
        }
    }

    /// <summary>Deletes every record of the partition.</summary>
    public async Task DeleteAllAsync()
    {
        while (segments.TryDequeue(out var segment))
        {
            await DeleteAsync(segment);
        }

        await storage.ClearStateAsync(HeadRecord, grainId, head);
    }

    private Task DeleteAsync(StoredSegment segment) =>
        storage.ClearStateAsync(
            SegmentName(segment.Number), grainId, new GrainState<PartitionSegment>(new PartitionSegment(), segment.ETag));

    private static string SegmentName(long number) => $"segment-{number}";

    private sealed record StoredSegment(long Number, long LastSequence, string? ETag);
}
