using System.Text;
using System.Text.RegularExpressions;

namespace OrleansQueue;

/// <summary>
/// Argument checks of the contract (C1, C2, C6, C7) shared by the client, which checks before any call, and the
/// silo, which never trusts a client. Each throws the standard argument exception with a message naming the rule.
/// </summary>
public static partial class QueueArguments
{
    // Strict UTF-8: a lone surrogate would otherwise be replaced silently and name a different partition.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a queue or environment name: 1–64 characters of <c>[A-Za-z0-9._-]</c> (C1).</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="parameterName">The parameter named in the exception.</param>
    /// <exception cref="ArgumentException">The name breaks the rule.</exception>
    public static void CheckName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use 1 to {QueueLimits.MaxNameLength} characters of A-Z, a-z, 0-9, '.', '_' and '-'.",
                parameterName);
        }
    }

    /// <summary>Checks a partition key: <c>null</c> (the default partition) or 1–64 bytes of UTF-8 without NUL (C2).</summary>
    /// <param name="partition">The key to check.</param>
    /// <exception cref="ArgumentException">The key breaks the rule.</exception>
    public static void CheckPartition(string? partition)
    {
        if (partition is null)
        {
            return;
        }

        if (partition.Length == 0)
        {
            throw new ArgumentException("A partition key may not be empty; pass null for the default partition.", nameof(partition));
        }

        if (partition.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A partition key may not contain the NUL character.", nameof(partition));
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(partition);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("A partition key must be valid Unicode (it holds a lone surrogate).", nameof(partition), e);
        }

        if (bytes > QueueLimits.MaxPartitionKeyBytes)
        {
            throw new ArgumentException(
                $"Partition key '{partition}' is {bytes} bytes of UTF-8; the limit is {QueueLimits.MaxPartitionKeyBytes}.",
                nameof(partition));
        }
    }

    /// <summary>Checks a partition time-to-live against 1 s … <paramref name="max"/> (C6).</summary>
    /// <param name="partitionTtl">The time-to-live to check.</param>
    /// <param name="max">The longest allowed; the contract's is <see cref="QueueLimits.MaxPartitionTtl"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public static void CheckPartitionTtl(TimeSpan partitionTtl, TimeSpan max)
    {
        if (partitionTtl < QueueLimits.MinPartitionTtl || partitionTtl > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(partitionTtl), partitionTtl, $"A partition TTL must be between {QueueLimits.MinPartitionTtl} and {max}.");
        }
    }

    /// <summary>Checks a batch size against 1 … <paramref name="max"/> (C7).</summary>
    /// <param name="count">The number of items asked for or sent.</param>
    /// <param name="max">The partition's capacity.</param>
    /// <param name="parameterName">The parameter named in the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside the range.</exception>
    public static void CheckBatchSize(int count, int max, string parameterName)
    {
        if (count < 1 || count > max)
        {
            throw new ArgumentOutOfRangeException(
                parameterName, count, $"A batch holds 1 to {max} items (the partition limit).");
        }
    }

    /// <summary>Checks a wait: <c>null</c> (forever) or not negative.</summary>
    /// <param name="timeout">The wait to check.</param>
    /// <exception cref="ArgumentOutOfRangeException">The wait is negative.</exception>
    public static void CheckTimeout(TimeSpan? timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout may not be negative; pass null to wait forever.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
