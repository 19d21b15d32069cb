using System.Buffers.Text;
using System.Text;

namespace OrleansQueue.Grains;

/// <summary>
/// The key of a partition grain: the queue id, a slash, then the partition key as base64url of its UTF-8 (empty for the
/// default partition). Storage providers build record names, blob names and table keys from grain keys, and many refuse
/// slashes, '#', '?' or control characters; base64url has none of them, so every partition key works everywhere (C2).
/// </summary>
public static class PartitionAddress
{
    /// <summary>The grain key of a partition.</summary>
    /// <param name="queueId">The queue's id.</param>
    /// <param name="partition">The partition key, or <c>null</c> for the default partition.</param>
    /// <returns>The grain key.</returns>
    public static string Format(string queueId, string? partition) =>
        partition is null ? $"{queueId}/" : $"{queueId}/{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(partition))}";

    /// <summary>Splits a partition grain key into the queue id and the partition key.</summary>
    /// <param name="grainKey">A key made by <see cref="Format"/>.</param>
    /// <returns>The queue id, and the partition key or <c>null</c> for the default partition.</returns>
    public static (string QueueId, string? Partition) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        var encoded = grainKey[(slash + 1)..];
        return (grainKey[..slash], encoded.Length == 0 ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded)));
    }
}
