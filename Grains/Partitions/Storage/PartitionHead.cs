using System.Collections.Immutable;

namespace OrleansQueue.Grains.Partitions.Storage;

/// <summary>
/// The small record a durable partition rewrites when items are consumed: it never grows with the partition (C32), only
/// with the bounded number of recent deliveries it keeps for gets asked again.
/// Written with its ETag, so a second activation of the partition cannot write over the live one.
/// </summary>
[GenerateSerializer, Alias("OrleansQueue.PartitionHead")]
public sealed class PartitionHead
{
    /// <summary>The sequence number of the first item not yet consumed.</summary>
    [Id(0)]
    public long Head { get; set; }

    /// <summary>The number of the first segment that may still hold an item not consumed.</summary>
    [Id(1)]
    public long HeadSegment { get; set; }

    /// <summary>The partition stopped being live (cleared or expired) after this sequence number; -1 if never.</summary>
    [Id(2)]
    public long ReleasedAfter { get; set; } = -1;

    /// <summary>The recent gets whose answers may not have arrived, oldest first; bounded in number and age.</summary>
    [Id(3)]
    public ImmutableArray<RetainedDelivery> Deliveries { get; set; } = [];
}
