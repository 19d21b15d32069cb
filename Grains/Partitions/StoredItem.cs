namespace OrleansQueue.Grains.Partitions;

/// <summary>An item in a partition: its serialized bytes and its place in the partition's history.</summary>
/// <param name="Sequence">Increases by one with every item the partition stores.</param>
/// <param name="Payload">The serialized value, never read by the silo.</param>
internal readonly record struct StoredItem(long Sequence, byte[] Payload);
