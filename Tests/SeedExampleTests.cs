using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>The examples of the Modal Queues guide (shared/seed/modal-queues-guide.txt), in .NET.</summary>
public sealed class SeedExampleTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task Producer_and_consumer_pass_a_value() // C10, C13
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);

        await queue.PutAsync("some object");

        Assert.Equal("some object", await queue.GetAsync<string>());
    }

    [Fact]
    public async Task Partitioned_queue_example() // C10, C13, C19, partitions are independent
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        await queue.ClearAsync();

        await queue.PutAsync("some value");
        await queue.PutAsync(123);
        Assert.Equal("some value", await queue.GetAsync<object>());
        Assert.Equal(123, await queue.GetAsync<object>());

        await queue.PutAsync(0);
        await queue.PutAsync(1, partition: "foo");
        await queue.PutAsync(2, partition: "bar");
        Assert.Equal(2, await queue.GetAsync<int>(partition: "bar"));

        await queue.PutAsync(3, partition: "foo", partitionTtl: TimeSpan.FromSeconds(10));
        Assert.Equal(1, await queue.LenAsync());
        Assert.Equal(2, await queue.LenAsync(partition: "foo"));
        Assert.Equal(0, await queue.LenAsync(partition: "bar"));
    }

    [Fact]
    public async Task Asynchronous_put_then_get_returns_the_value() // C10, C13
    {
        var queue = NewQueue();

        await queue.PutAsync(200);

        Assert.Equal(200, await queue.GetAsync<int>(block: false));
    }
}
