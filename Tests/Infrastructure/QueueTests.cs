namespace OrleansQueue.Tests.Infrastructure;

/// <summary>A test class that runs against the shared cluster and makes a fresh queue per test.</summary>
[Collection(ClusterCollection.Name)]
public abstract class QueueTests(ClusterFixture fixture)
{
    /// <summary>A fixed, generous bound for waits that should end much sooner, so a hang fails instead of stalling the run.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for a call started before it to be parked in the silo, on a busy 2-core machine.</summary>
    protected static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    protected ClusterFixture Fixture => fixture;

    protected QueueClient Queues => fixture.Queues;

    /// <summary>A new queue with a name no other test uses.</summary>
    protected DistributedQueue NewQueue() => Queues.FromName(UniqueName(), createIfMissing: true);

    protected static string UniqueName() => $"t-{Guid.NewGuid():N}";
}
