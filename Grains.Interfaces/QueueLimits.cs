namespace OrleansQueue;

/// <summary>
/// The limits of the behaviour contract (rules C1–C7), checked by the client before it sends anything and
/// again by the silo, whose own limits are options that default to these values.
/// </summary>
public static class QueueLimits
{
    /// <summary>The environment a queue name belongs to when none is given.</summary>
    public const string DefaultEnvironment = "main";

    /// <summary>Longest queue or environment name, in characters (C1).</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest partition key, in UTF-8 bytes (C2).</summary>
    public const int MaxPartitionKeyBytes = 64;

    /// <summary>Largest serialized item: 1 MiB (C3).</summary>
    public const int MaxItemBytes = 1024 * 1024;

    /// <summary>Most items one partition holds (C4), and so the most one batch may carry (C7).</summary>
    public const int MaxPartitionItems = 5_000;

    /// <summary>Most live partitions one queue holds (C5).</summary>
    public const int MaxPartitions = 100_000;

    /// <summary>Shortest partition time-to-live (C6).</summary>
    public static readonly TimeSpan MinPartitionTtl = TimeSpan.FromSeconds(1);

    /// <summary>Longest partition time-to-live, and the default one (C6, C21).</summary>
    public static readonly TimeSpan MaxPartitionTtl = TimeSpan.FromHours(24);
}
