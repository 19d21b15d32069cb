using OrleansQueue.Grains;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Anonymous queues that live as long as their owner (C25, C26).</summary>
public sealed class EphemeralTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task An_ephemeral_queue_is_usable_by_id_and_deleted_when_its_handle_is_disposed() // C25, C26
    {
        var owner = await Queues.EphemeralAsync();
        var info = await owner.InfoAsync();
        var other = Queues.FromId(info.Id);

        await other.PutAsync("reply");
        Assert.Equal("reply", await owner.GetAsync<string>());
        Assert.Null(info.Name);
        Assert.Equal(QueueLimits.DefaultEnvironment, info.Environment);

        await owner.DisposeAsync();

        await Assert.ThrowsAsync<QueueNotFoundException>(() => other.LenAsync());
    }

    [Fact]
    public async Task Heartbeats_keep_an_ephemeral_queue_alive_past_its_grace_period() // C25
    {
        await using var owner = await Queues.EphemeralAsync();
        await owner.PutAsync(1);

        await Task.Delay(ClusterFixture.GracePeriod * 2.5);

        Assert.Equal(1, await Queues.FromId((await owner.InfoAsync()).Id).LenAsync());
    }

    [Fact]
    public async Task An_ephemeral_queue_whose_owner_stops_beating_is_deleted_after_the_grace_period() // C25
    {
        // An owner that crashed right after creating the queue: no handle, no heartbeat.
        var id = QueueIds.New();
        await Fixture.Cluster.Client.GetGrain<IQueueGrain>(id)
            .InitializeAsync(new QueueInfo(id, null, QueueLimits.DefaultEnvironment, DateTimeOffset.UtcNow, "crashed"));
        var queue = Queues.FromId(id);
        await queue.PutAsync(1, partition: "p");
        var getter = queue.GetAsync<int>(partition: "empty");

        await Task.Delay(ClusterFixture.GracePeriod + ClusterFixture.HeartbeatInterval * 2 + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<QueueNotFoundException>(() => queue.LenAsync(partition: "p"));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => getter.WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_an_ephemeral_handle_twice_or_any_other_handle_is_harmless() // C25
    {
        var owner = await Queues.EphemeralAsync();
        await owner.DisposeAsync();
        await owner.DisposeAsync();

        var named = NewQueue();
        await named.PutAsync(1);
        await named.DisposeAsync();
        Assert.Equal(1, await named.LenAsync());
    }
}
