using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansQueue.Serialization;
using OrleansQueue.Tests.Infrastructure;

namespace OrleansQueue.Tests;

public sealed class ClientOptionsTests(ClusterFixture fixture) : QueueTests(fixture)
{
    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(0)]
    public void A_server_wait_that_the_response_timeout_would_cut_short_is_refused(int seconds) // C17
    {
        var services = Fixture.Cluster.Client.ServiceProvider;

        var error = Assert.Throws<OptionsValidationException>(() => new QueueClient(
            Fixture.Cluster.Client,
            services.GetRequiredService<IQueueSerializer>(),
            Options.Create(new QueueClientOptions { MaxServerWait = TimeSpan.FromSeconds(seconds) }),
            Options.Create(new ClientMessagingOptions { ResponseTimeout = TimeSpan.FromSeconds(4) })));

        Assert.Contains("ResponseTimeout", error.Message, StringComparison.Ordinal);
    }
}
