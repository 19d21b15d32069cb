using Orleans.Concurrency;

namespace OrleansQueue.Grains.Partitions.Storage;

/// <summary>
/// The items of one group commit, written once and never rewritten, so a put costs its own bytes and no more (C32, C33).
/// Segments are numbered without gaps, which lets a partition find them again without listing storage.
/// </summary>
[GenerateSerializer, Alias("OrleansQueue.PartitionSegment")]
public sealed class PartitionSegment
{
    /// <summary>The sequence number of the first item; the others follow one by one.</summary>
    [Id(0)]
    public long FirstSequence { get; set; }

    /// <summary>The serialized items, in order.</summary>
    [Id(1), Immutable]
    public byte[][] Items { get; set; } = [];

    /// <summary>The partition's expiry as set by the last put in the segment (C21).</summary>
    [Id(2)]
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the segment was written, which is when its items were stored.</summary>
    [Id(3)]
    public DateTimeOffset StoredAt { get; set; }

    /// <summary>The sequence number of the last item.</summary>
    public long LastSequence => FirstSequence + Items.Length - 1;
}
