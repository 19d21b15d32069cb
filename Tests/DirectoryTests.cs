using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Names, environments and handles.</summary>
public sealed class DirectoryTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Fact]
    public async Task From_name_without_create_is_lazy_and_the_first_call_says_not_found() // C22
    {
        var name = UniqueName();
        var queue = Queues.FromName(name);

        var error = await Assert.ThrowsAsync<QueueNotFoundException>(() => queue.PutAsync(1));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);

        // The handle resolves again once the queue exists.
        await Queues.CreateAsync(name);
        await queue.PutAsync(1);
        Assert.Equal(1, await queue.LenAsync());
    }

    [Fact]
    public async Task Create_refuses_an_existing_name_unless_allowed() // C23
    {
        var name = UniqueName();
        var created = await Queues.CreateAsync(name);

        var error = await Assert.ThrowsAsync<QueueAlreadyExistsException>(() => Queues.CreateAsync(name));
        var existing = await Queues.CreateAsync(name, allowExisting: true);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Equal((await created.InfoAsync()).Id, (await existing.InfoAsync()).Id);
    }

    [Fact]
    public async Task Racing_creates_of_one_name_make_one_queue() // C23
    {
        var name = UniqueName();

        var handles = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Queues.FromName(name, createIfMissing: true).InfoAsync()));

        Assert.Single(handles.Select(info => info.Id).Distinct());
    }

    [Fact]
    public async Task Handles_by_name_and_by_id_reach_the_same_queue() // C26
    {
        var queue = NewQueue();
        await queue.PutAsync("shared");
        var info = await queue.InfoAsync();

        Assert.Equal("shared", await Queues.FromId(info.Id).GetAsync<string>());
        Assert.StartsWith("qu-", info.Id, StringComparison.Ordinal);
        Assert.Equal(QueueLimits.DefaultEnvironment, info.Environment);
        Assert.Contains(Environment.MachineName, info.CreatedBy, StringComparison.Ordinal);
        Assert.InRange(info.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task One_name_in_two_environments_is_two_queues() // C1: environments are namespaces
    {
        var name = UniqueName();
        var main = Queues.FromName(name, createIfMissing: true);
        var staging = Queues.FromName(name, createIfMissing: true, environment: "staging");

        await main.PutAsync(1);

        Assert.NotEqual((await main.InfoAsync()).Id, (await staging.InfoAsync()).Id);
        Assert.Equal(0, await staging.LenAsync());
        Assert.Equal("staging", (await staging.InfoAsync()).Environment);
    }
}
