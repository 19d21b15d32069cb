namespace OrleansQueue.Grains;

/// <summary>
/// The key of a partition grain: the queue id, a slash, then the partition key (empty for the default partition).
/// Queue ids never hold a slash, so the first one splits the key whatever the partition key contains.
/// </summary>
public static class PartitionAddress
{
    /// <summary>The grain key of a partition.</summary>
    /// <param name="queueId">The queue's id.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <returns>The grain key.</returns>
    public static string Format(string queueId, string? partition) => $"{queueId}/{partition}";

    /// <summary>Splits a partition grain key into the queue id and the partition key.</summary>
    /// <param name="grainKey">A key made by <see cref="Format"/>.</param>
    /// <returns>The queue id, and the partition key or <c>null</c> for the default partition.</returns>
    public static (string QueueId, string? Partition) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        var partition = grainKey[(slash + 1)..];
        return (grainKey[..slash], partition.Length == 0 ? null : partition);
    }
}
