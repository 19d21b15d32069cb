namespace OrleansQueue;

/// <summary>One live partition as an operator sees it (beyond Modal, which shows only a partition count).</summary>
/// <param name="Partition">The partition key, or <c>null</c> for the default partition.</param>
/// <param name="Length">How many items it holds.</param>
/// <param name="Bytes">How many bytes its items hold, serialized.</param>
/// <param name="OldestItemAge">How long the oldest item has waited, or <c>null</c> when it is empty.</param>
/// <param name="TimeToExpiry">How long until the partition expires unless put to again (C21).</param>
/// <param name="WaitingGetters">Gets waiting in the silo for an item.</param>
/// <param name="WaitingPutters">Puts waiting in the silo for room.</param>
/// <param name="ItemsPut">Items stored since the partition's activation started, for rates.</param>
/// <param name="ItemsGot">Items removed by gets since the partition's activation started, for rates.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.PartitionInfo")]
public sealed record PartitionInfo(
    string? Partition,
    int Length,
    long Bytes,
    TimeSpan? OldestItemAge,
    TimeSpan TimeToExpiry,
    int WaitingGetters,
    int WaitingPutters,
    long ItemsPut,
    long ItemsGot);
