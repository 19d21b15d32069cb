namespace OrleansQueue.Grains.Hosting;

/// <summary>
/// The silo's limits (configuration section <c>OrleansQueue</c>), defaulting to the contract's. The silo enforces these
/// whatever a client checked.
/// </summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "OrleansQueue";

    /// <summary>
    /// Whether partitions write their items to the grain storage named
    /// <see cref="QueueSiloBuilderExtensions.PartitionStorageName"/> before they acknowledge a put or a get (C30, C31).
    /// When false, a partition's items live in its activation's memory only.
    /// </summary>
    public bool DurablePartitions { get; set; }

    /// <summary>Largest serialized item in bytes (C3).</summary>
    public int MaxItemBytes { get; set; } = QueueLimits.MaxItemBytes;

    /// <summary>Most items one partition holds (C4).</summary>
    public int MaxPartitionItems { get; set; } = QueueLimits.MaxPartitionItems;

    /// <summary>Most live partitions one queue holds (C5).</summary>
    public int MaxPartitions { get; set; } = QueueLimits.MaxPartitions;

    /// <summary>Longest partition time-to-live (C6).</summary>
    public TimeSpan MaxPartitionTtl { get; set; } = QueueLimits.MaxPartitionTtl;

    /// <summary>
    /// How often a live partition's reminder checks its expiry, the durable backstop for partitions that are not in
    /// memory (C21). Orleans allows no less than its minimum reminder period, one minute unless lowered.
    /// </summary>
    public TimeSpan ExpiryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the owner of an ephemeral queue sends a heartbeat (C25).</summary>
    public TimeSpan EphemeralHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an ephemeral queue lives after its owner's last heartbeat (C25).</summary>
    public TimeSpan EphemeralGracePeriod { get; set; } = TimeSpan.FromMinutes(1);
}
