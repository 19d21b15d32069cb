using System.Diagnostics;
using Azure.Storage.Blobs;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.TestingHost;
using OrleansQueue.Grains;
using OrleansQueue.Silo;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

/// <summary>Durable queues on a real Azurite: nothing acknowledged is lost, nothing consumed comes back (C30–C35).</summary>
[Collection(DurableClusterCollection.Name)]
public sealed class DurableTests(DurableClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private QueueClient Queues => fixture.Queues;

    private static string UniqueName() => $"d-{Guid.NewGuid():N}";

    [Fact]
    public async Task Items_put_before_their_silo_is_killed_come_back_from_another_silo_in_order() // C30, C34
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var partition = await PartitionOnSecondarySiloAsync(queue);
        await queue.PutManyAsync(Enumerable.Range(0, 100), partition: partition);
        for (var i = 100; i < 150; i++)
        {
            await queue.PutAsync(i, partition: partition);
        }

        await KillSecondarySiloAsync();

        var got = await RetryAsync(() => queue.GetManyAsync<int>(1_000, partition: partition, block: false));
        Assert.Equal(Enumerable.Range(0, 150), got);
    }

    [Fact]
    public async Task Items_consumed_before_a_crash_never_come_back() // C31, C34
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var partition = await PartitionOnSecondarySiloAsync(queue);
        await queue.PutManyAsync(Enumerable.Range(0, 100), partition: partition);
        Assert.Equal(Enumerable.Range(0, 30), await queue.GetManyAsync<int>(30, partition: partition));
        for (var i = 30; i < 40; i++)
        {
            Assert.Equal(i, await queue.GetAsync<int>(partition: partition));
        }

        await KillSecondarySiloAsync();

        Assert.Equal(Enumerable.Range(40, 60), await RetryAsync(() => queue.GetManyAsync<int>(1_000, partition: partition, block: false)));
    }

    [Fact]
    public async Task A_get_asked_again_after_its_answer_was_lost_receives_the_same_items_even_after_a_crash() // C31, C34
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var partition = await PartitionOnSecondarySiloAsync(queue);
        await queue.PutManyAsync(Enumerable.Range(0, 10), partition: partition);
        var grain = fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format((await queue.InfoAsync()).Id, partition));
        var get = new TakeRequest(Guid.NewGuid(), 3, TimeSpan.Zero, 0);

        var first = await grain.TakeAsync(get);
        var again = await grain.TakeAsync(get);
        await KillSecondarySiloAsync();
        var afterCrash = await RetryAsync(() => grain.TakeAsync(get));

        Assert.Equal(3, first.Items.Length);
        Assert.Equal(first.Items, again.Items, (a, b) => a.AsSpan().SequenceEqual(b));
        Assert.Equal(first.Items, afterCrash.Items, (a, b) => a.AsSpan().SequenceEqual(b));
        Assert.Equal(Enumerable.Range(3, 7), await queue.GetManyAsync<int>(100, partition: partition, block: false));
    }

    [Fact]
    public async Task Puts_that_share_a_write_with_gets_emptying_the_partition_survive_a_reload() // C30, C32
    {
        // Found by the chaos run: a head record written with the put of a new segment named the segment the gets had just
        // emptied, which was then deleted, so a reload saw no segment at all and lost the new one.
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        for (var round = 0; round < 10; round++)
        {
            // A waiting get takes what the first write brings, while the later puts are staged for the next write.
            var get = queue.GetManyAsync<int>(100, partition: "p");
            await Task.Delay(300);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => queue.PutAsync(i, partition: "p")));
            var got = await get;
            await DeactivateAsync(queue, "p");

            var rest = await queue.GetManyAsync<int>(100, partition: "p", block: false);
            Assert.Equal(Enumerable.Range(0, 8), got.Concat(rest).Order());
        }
    }

    [Fact]
    public async Task A_waiting_get_outlives_the_death_of_its_partitions_silo_and_loses_nothing() // C31, C34
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var partition = await PartitionOnSecondarySiloAsync(queue);
        var waiting = queue.GetAsync<string>(partition: partition, timeout: Patience);
        await Task.Delay(500);

        await KillSecondarySiloAsync();
        await RetryAsync(async () =>
        {
            await queue.PutAsync("after the crash", partition: partition);
            return true;
        });

        Assert.Equal("after the crash", await waiting);
        Assert.Equal(0, await queue.LenAsync(partition: partition));
    }

    [Fact]
    public async Task A_full_cluster_restart_keeps_items_and_forgets_consumed_ones() // C30, C31
    {
        // Clusters on one storage account share the directory of an environment: this one uses its own.
        var serviceId = $"restart{Guid.NewGuid():N}";
        var (name, environment) = (UniqueName(), UniqueName());
        var first = await fixture.StartClusterAsync(serviceId);
        var before = QueuesOf(first).FromName(name, createIfMissing: true, environment);
        await before.PutManyAsync(Enumerable.Range(0, 20), partition: "p");
        await before.PutAsync("default");
        await before.GetManyAsync<int>(5, partition: "p");
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        var second = await fixture.StartClusterAsync(serviceId);
        try
        {
            var after = QueuesOf(second).FromName(name, environment: environment);
            Assert.Equal(Enumerable.Range(5, 15), await after.GetManyAsync<int>(100, partition: "p"));
            Assert.Equal("default", await after.GetAsync<string>(block: false));
            Assert.Equal(0, await after.LenAsync(total: true));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_activation_cannot_write_over_the_first_and_the_stale_one_reloads() // C30, C34
    {
        // Two clusters on one storage share an environment's directory: each holds an activation of it.
        var environment = UniqueName();
        await Queues.CreateAsync("from-first", environment: environment);
        var other = await fixture.StartClusterAsync($"other{Guid.NewGuid():N}");
        try
        {
            await QueuesOf(other).CreateAsync("from-second", environment: environment);

            // The first cluster's activation is stale: its write is refused, not written over the second's.
            await Assert.ThrowsAsync<QueueStorageException>(() => Queues.CreateAsync("from-first-again", environment: environment));
            await Queues.CreateAsync("from-first-again", environment: environment);

            var names = await Queues.ListAsync(environment: environment).Select(q => q.Info.Name).ToListAsync();
            Assert.Equal(["from-first", "from-first-again", "from-second"], names.Order());
        }
        finally
        {
            await other.StopAllSilosAsync();
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_activation_of_a_partition_cannot_write_over_the_first() // C30, C34
    {
        // Two clusters on one storage reach the same partition: each holds an activation of it.
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        await queue.PutAsync("first", partition: "p");
        var other = await fixture.StartClusterAsync($"other{Guid.NewGuid():N}");
        try
        {
            var otherQueue = QueuesOf(other).FromId((await queue.InfoAsync()).Id);
            await otherQueue.PutAsync("second", partition: "p");

            // This cluster's activation would write the segment the other just wrote: storage refuses it, it reloads.
            var error = await Assert.ThrowsAsync<QueueStorageException>(() => queue.PutAsync("lost", partition: "p"));
            Assert.Null(error.InnerException);
            await queue.PutAsync("third", partition: "p");

            Assert.Equal(["first", "second", "third"], await queue.GetManyAsync<string>(10, partition: "p"));
        }
        finally
        {
            await other.StopAllSilosAsync();
            await other.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(PartitionKeys.Hostile), MemberType = typeof(PartitionKeys))]
    public async Task Partition_keys_hostile_to_storage_round_trip_through_storage(string partition) // C2
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        await queue.PutManyAsync([partition, "second"], partition: partition);

        // Drop the activation, so the next call reads the partition back from storage.
        await DeactivateAsync(queue, partition);

        Assert.Equal([partition, "second"], await queue.GetManyAsync<string>(10, partition: partition));
        await DeactivateAsync(queue, partition);
        Assert.Equal(0, await queue.LenAsync(partition: partition));
    }

    [Fact]
    public async Task The_bytes_written_per_put_and_get_do_not_grow_with_the_partition() // C32
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var item = new byte[200];
        await queue.PutManyAsync(Enumerable.Repeat(item, 10));
        var (shallowPut, shallowGet) = await BytesPerPutAndGetAsync(queue, item);

        await queue.PutManyAsync(Enumerable.Repeat(item, 3_990));
        var (deepPut, deepGet) = await BytesPerPutAndGetAsync(queue, item);

        Assert.InRange(deepPut / shallowPut, 0.5, 2.0);
        Assert.InRange(deepGet / shallowGet, 0.5, 2.0);

        // And a put writes about its item, not the partition: far below the 4,000 items of 200 bytes behind it.
        Assert.InRange(deepPut, item.Length, 20 * item.Length);
    }

    [Fact]
    public async Task Concurrent_puts_to_one_partition_share_their_writes() // C33
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        await queue.PutAsync(-1);
        var writesBefore = DurableClusterFixture.Traffic.Writes;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => queue.PutAsync(i)));

        var writes = DurableClusterFixture.Traffic.Writes - writesBefore;
        Assert.InRange(writes, 1, 32);
        Assert.Equal(65, await queue.LenAsync());
    }

    [Fact]
    public async Task A_corrupt_record_fails_its_partition_alone_with_a_clear_error() // C35
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        await queue.PutAsync("fine", partition: "healthy");
        await queue.PutAsync("doomed", partition: "corrupt");
        var id = (await queue.InfoAsync()).Id;
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(QueueStorageSiloBuilderExtensions.PartitionContainer);
        var segments = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.Contains(id, StringComparison.Ordinal) && blob.Name.Contains("segment", StringComparison.Ordinal))
            {
                segments.Add(blob.Name);
            }
        }

        var encoded = PartitionAddress.Format(id, "corrupt").Split('/')[1];
        var corrupt = Assert.Single(segments, name => name.Contains(encoded, StringComparison.Ordinal));
        await container.GetBlobClient(corrupt).UploadAsync(BinaryData.FromString("this is not a segment"), overwrite: true);
        await DeactivateAsync(queue, "corrupt");

        var asked = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QueueStorageException>(() => queue.GetAsync<string>(partition: "corrupt", block: false));
        Assert.Contains("partition 'corrupt'", error.Message, StringComparison.Ordinal);

        // A get asks again after a storage failure, but only briefly: an unreadable record does not mend.
        Assert.InRange(asked.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal("fine", await queue.GetAsync<string>(partition: "healthy", block: false));
    }

    [Fact]
    public async Task Waiting_getters_and_racing_cancellations_lose_nothing_on_durable_storage() // C13, C15, C16, C31
    {
        const int Cycles = 300;
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var received = new List<int>();
        for (var i = 0; i < Cycles; i++)
        {
            using var cancel = new CancellationTokenSource();
            var get = queue.GetAsync<int>(cancellationToken: cancel.Token);
            var put = queue.PutAsync(i);
            if (i % 2 == 0)
            {
                await cancel.CancelAsync();
            }

            await put;
            try
            {
                received.Add(await get.WaitAsync(Patience));
            }
            catch (OperationCanceledException)
            {
                // The item stays in the queue.
            }
        }

        var left = await queue.GetManyAsync<int>(QueueLimits.MaxPartitionItems, block: false);
        Assert.Equal(Enumerable.Range(0, Cycles), received.Concat(left).Order());
    }

    [Fact]
    public async Task Producers_and_consumers_share_a_durable_partition_with_every_item_once() // C10, C15, C33
    {
        var queue = Queues.FromName(UniqueName(), createIfMissing: true);
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await queue.PutAsync((p * 1_000) + i);
            }
        }));
        var consumed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (consumed.Count < 400)
            {
                var (found, item) = await queue.TryGetAsync<int>(timeout: TimeSpan.FromMilliseconds(300));
                if (found)
                {
                    consumed.Add(item);
                }
            }
        }));

        await Task.WhenAll(producers.Concat(consumers)).WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, 4).SelectMany(p => Enumerable.Range(p * 1_000, 100)), consumed.Order());
        Assert.Equal(0, await queue.LenAsync());
    }

    private static async Task<(double Put, double Get)> BytesPerPutAndGetAsync(DistributedQueue queue, byte[] item)
    {
        const int Rounds = 20;
        var before = DurableClusterFixture.Traffic.Bytes;
        for (var i = 0; i < Rounds; i++)
        {
            await queue.PutAsync(item);
        }

        var afterPuts = DurableClusterFixture.Traffic.Bytes;
        for (var i = 0; i < Rounds; i++)
        {
            await queue.GetAsync<byte[]>();
        }

        var afterGets = DurableClusterFixture.Traffic.Bytes;
        return ((afterPuts - before) / (double)Rounds, (afterGets - afterPuts) / (double)Rounds);
    }

    private static QueueClient QueuesOf(TestCluster cluster) =>
        (QueueClient)cluster.Client.ServiceProvider.GetService(typeof(QueueClient))!;

    /// <summary>A partition key whose activation lives on the secondary silo, the one a test may kill.</summary>
    private async Task<string> PartitionOnSecondarySiloAsync(DistributedQueue queue)
    {
        var id = (await queue.InfoAsync()).Id;
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var secondary = fixture.Cluster.SecondarySilos[0].SiloAddress;
        for (var i = 0; i < 200; i++)
        {
            var key = $"p{i}";
            await queue.LenAsync(partition: key);
            var grain = fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format(id, key));
            if (await management.GetActivationAddress(grain) == secondary)
            {
                return key;
            }
        }

        throw new InvalidOperationException("No partition was placed on the secondary silo.");
    }

    private async Task KillSecondarySiloAsync()
    {
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.SecondarySilos[0]);
        await fixture.Cluster.StartAdditionalSiloAsync();
    }

    private async Task DeactivateAsync(DistributedQueue queue, string partition)
    {
        var id = (await queue.InfoAsync()).Id;
        await fixture.Cluster.Client.GetGrain<IPartitionGrain>(PartitionAddress.Format(id, partition))
            .Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
    }

    /// <summary>Retries while the cluster notices a dead silo: clients may see a retryable error, never a wrong answer (C34).</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or QueueStorageException)
            {
                await Task.Delay(500);
            }
        }
    }
}
