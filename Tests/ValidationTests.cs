using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Every bad input of contract section 2 gives its exact exception and leaves the queue as it was.</summary>
public sealed class ValidationTests(ClusterFixture fixture) : QueueTests(fixture)
{
    public static TheoryData<string> BadNames => new()
    {
        "",
        new string('a', 65),
        "has space",
        "slash/name",
        "ünïcode",
        "emoji🎉",
        "colon:name",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Bad_queue_names_are_refused_when_the_handle_is_made(string name) // C1
    {
        var error = Assert.Throws<ArgumentException>(() => Queues.FromName(name, createIfMissing: true));

        Assert.Equal("name", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Bad_names_are_refused_by_create_and_as_environments(string name) // C1
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Queues.CreateAsync(name));
        var error = Assert.Throws<ArgumentException>(() => Queues.FromName("fine", environment: name));
        Assert.Equal("environment", error.ParamName);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Az09._-")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Good_names_are_accepted(string name) // C1
    {
        var environment = UniqueName();

        var queue = await Queues.CreateAsync(name, environment: environment);
        await queue.PutAsync(1);

        Assert.Equal(name, (await queue.InfoAsync()).Name);
        Assert.Equal(1, await Queues.FromName(name, environment: environment).LenAsync());
    }

    [Fact]
    public void Null_name_is_refused() // C1
    {
        Assert.Throws<ArgumentNullException>(() => Queues.FromName(null!));
    }

    public static TheoryData<string> BadPartitions => new()
    {
        "",
        "nul\0inside",
        new string('x', 65),
        string.Concat(Enumerable.Repeat("🎉", 17)), // 68 bytes of UTF-8
    };

    [Theory]
    [MemberData(nameof(BadPartitions))]
    public async Task Bad_partition_keys_are_refused_everywhere_and_change_nothing(string partition) // C2
    {
        var queue = NewQueue();
        await queue.PutAsync("keep");

        await Assert.ThrowsAsync<ArgumentException>(() => queue.PutAsync(1, partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.PutManyAsync([1, 2], partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.GetAsync<int>(partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.TryGetAsync<int>(partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.GetManyAsync<int>(1, partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.LenAsync(partition: partition));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.ClearAsync(partition: partition));

        Assert.Equal(1, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task A_partition_key_with_a_lone_surrogate_is_refused() // C2: it would name another partition once encoded
    {
        // Not theory data: xunit would replace the surrogate when it serializes the case.
        var queue = NewQueue();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.PutAsync(1, partition: "lone\uD800surrogate"));

        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task Partition_keys_of_exactly_64_bytes_are_accepted() // C2
    {
        var queue = NewQueue();
        var key = string.Concat(Enumerable.Repeat("🎉", 16)); // 64 bytes of UTF-8

        await queue.PutAsync(1, partition: key);

        Assert.Equal(1, await queue.GetAsync<int>(partition: key));
    }

    [Fact]
    public async Task An_item_over_1_MiB_is_refused_before_sending_and_nothing_is_stored() // C3
    {
        var queue = NewQueue();
        await queue.PutAsync("keep");

        var error = await Assert.ThrowsAsync<QueueItemTooLargeException>(
            () => queue.PutAsync(new byte[QueueLimits.MaxItemBytes], partition: "big"));

        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
        Assert.Contains("partition 'big'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task A_batch_with_one_item_over_1_MiB_stores_none_of_it() // C3, C11
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<QueueItemTooLargeException>(
            () => queue.PutManyAsync<byte[]>([[1], new byte[QueueLimits.MaxItemBytes + 1], [2]]));

        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task An_item_just_under_1_MiB_serialized_is_accepted() // C3
    {
        var queue = NewQueue();

        // The serialized form adds a few bytes of type and length to the array.
        await queue.PutAsync(new byte[QueueLimits.MaxItemBytes - 64]);

        Assert.Equal(QueueLimits.MaxItemBytes - 64, (await queue.GetAsync<byte[]>()).Length);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(24 * 3600 + 1)]
    public async Task Partition_ttl_outside_1_s_to_24_h_is_refused_and_changes_nothing(double seconds) // C6
    {
        var queue = NewQueue();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.PutAsync(1, partitionTtl: TimeSpan.FromSeconds(seconds)));

        Assert.Equal("partitionTtl", error.ParamName);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24 * 3600)]
    public async Task Partition_ttl_at_the_bounds_is_accepted(double seconds) // C6
    {
        var queue = NewQueue();

        await queue.PutAsync(1, partitionTtl: TimeSpan.FromSeconds(seconds));

        Assert.Equal(1, await queue.LenAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5_001)]
    public async Task Get_many_count_outside_1_to_5000_is_refused_and_changes_nothing(int count) // C7
    {
        var queue = NewQueue();
        await queue.PutAsync(1);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.GetManyAsync<int>(count));

        Assert.Equal("count", error.ParamName);
        Assert.Equal(1, await queue.LenAsync());
    }

    [Fact]
    public async Task Get_many_of_5000_is_accepted() // C7
    {
        var queue = NewQueue();
        await queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems));

        Assert.Equal(Enumerable.Range(0, QueueLimits.MaxPartitionItems), await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems));
    }

    [Fact]
    public async Task Put_many_of_more_than_the_partition_limit_is_refused_and_stores_nothing() // C7, C11
    {
        var queue = NewQueue();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => queue.PutManyAsync(Enumerable.Range(0, QueueLimits.MaxPartitionItems + 1)));

        Assert.Equal("values", error.ParamName);
        Assert.Equal(0, await queue.LenAsync());
    }

    [Fact]
    public async Task Len_of_a_partition_with_total_is_refused() // C8
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<ArgumentException>(() => queue.LenAsync(partition: "p", total: true));
    }

    [Fact]
    public async Task Clear_of_a_partition_with_all_is_refused_and_clears_nothing() // C8
    {
        var queue = NewQueue();
        await queue.PutAsync(1, partition: "p");
        await queue.PutAsync(2);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.ClearAsync(partition: "p", all: true));

        Assert.Equal(2, await queue.LenAsync(total: true));
    }

    [Fact]
    public async Task A_negative_timeout_is_refused() // C12, C13
    {
        var queue = NewQueue();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.GetAsync<int>(timeout: TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PutAsync(1, timeout: TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, await queue.LenAsync());
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("qu-with/slash")]
    public void Text_that_is_not_a_queue_id_is_refused(string id) // C1
    {
        Assert.Throws<ArgumentException>(() => Queues.FromId(id));
    }
}
