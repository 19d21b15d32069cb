namespace OrleansQueue.Grains.Hosting;

/// <summary>
/// The silo's limits (configuration section <c>OrleansQueue</c>), defaulting to the contract's. The silo enforces these
/// whatever a client checked.
/// </summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "OrleansQueue";

    /// <summary>Largest serialized item in bytes (C3).</summary>
    public int MaxItemBytes { get; set; } = QueueLimits.MaxItemBytes;

    /// <summary>Most items one partition holds (C4).</summary>
    public int MaxPartitionItems { get; set; } = QueueLimits.MaxPartitionItems;

    /// <summary>Most live partitions one queue holds (C5).</summary>
    public int MaxPartitions { get; set; } = QueueLimits.MaxPartitions;

    /// <summary>Longest partition time-to-live (C6).</summary>
    public TimeSpan MaxPartitionTtl { get; set; } = QueueLimits.MaxPartitionTtl;
}
