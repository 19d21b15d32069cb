using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansQueue.Grains.Hosting;
using OrleansQueue.Silo;

// Configuration comes from appsettings.json, then OQ_-prefixed environment variables (OQ_Silo__GatewayPort=30001),
// then the command line (--Silo:GatewayPort=30001): the last one wins.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("OQ_").AddCommandLine(args);
var settings = builder.Configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();

builder.UseOrleans(silo => silo
    .UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId)
    .AddMemoryGrainStorage(QueueSiloBuilderExtensions.StorageName)
    .UseInMemoryReminderService()
    .AddOrleansQueues());

using var host = builder.Build();
await host.StartAsync();
host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansQueue.Silo")
    .Ready(settings.GatewayPort, settings.ClusterId, settings.ServiceId, "in-memory");
await host.WaitForShutdownAsync();
