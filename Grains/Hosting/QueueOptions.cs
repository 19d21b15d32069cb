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

    /// <summary>
    /// How long a durable partition remembers what a get took, so that the same get asked again after its answer was
    /// lost (its silo died, its connection broke) receives the same items (C31). It must exceed the time a client needs
    /// to notice the failure and ask again: its response timeout plus a failover.
    /// </summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most item bytes of recent deliveries a durable partition keeps (see <see cref="DeliveryRetention"/>), newest
    /// first. Its head record, rewritten by every get, carries them: this bounds the cost of a get (C32). A get whose
    /// items fell out of the budget before it was asked again is not answered again.
    /// </summary>
    public int DeliveryRetentionBytes { get; set; } = 256 * 1024;

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
