namespace OrleansQueue.Grains.Partitions;

/// <summary>An item in a partition: its serialized bytes and its place in the partition's history.</summary>
/// <param name="Sequence">Increases by one with every item the partition stores.</param>
/// <param name="Payload">The serialized value, never read by the silo.</param>
/// <param name="StoredAt">When the item was stored, in UTC ticks: what ages it.</param>
internal readonly record struct StoredItem(long Sequence, byte[] Payload, long StoredAt);
