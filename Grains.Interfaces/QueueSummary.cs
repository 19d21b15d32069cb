namespace OrleansQueue;

/// <summary>A named queue as a listing shows it (C24).</summary>
/// <param name="Info">What the queue is.</param>
/// <param name="LivePartitions">How many partitions are live: put to, and neither expired nor cleared since.</param>
/// <param name="TotalItems">How many items the live partitions hold together.</param>
[GenerateSerializer, Immutable, Alias("OrleansQueue.QueueSummary")]
public sealed record QueueSummary(QueueInfo Info, int LivePartitions, long TotalItems);
