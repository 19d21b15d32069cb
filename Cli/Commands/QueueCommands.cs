using System.CommandLine;
using Spectre.Console;

namespace OrleansQueue.Cli.Commands;

/// <summary><c>oq queue …</c>: create, delete, list, clear, peek and count queues.</summary>
internal static class QueueCommands
{
    private static readonly Argument<string> Name = new("name") { Description = "The queue's name." };

    private static Option<string?> Partition() => new("--partition", "-p") { Description = "A partition key; the default partition if not given." };

    private static Option<bool> Yes() => new("--yes", "-y") { Description = "Do it without asking." };

    private static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts." };

    public static Command Create()
    {
        var queue = new Command("queue", "Create, delete, list, clear, peek into and count queues.");
        queue.Subcommands.Add(CreateCommand());
        queue.Subcommands.Add(DeleteCommand());
        queue.Subcommands.Add(ListCommand());
        queue.Subcommands.Add(ClearCommand());
        queue.Subcommands.Add(PeekCommand());
        queue.Subcommands.Add(LenCommand());
        queue.Subcommands.Add(PartitionsCommand());
        return queue;
    }

    private static Command CreateCommand()
    {
        var command = new Command("create", "Create a queue; if it exists, say so and change nothing.\nExample: oq queue create jobs") { Name };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var name = session.Input.GetValue(Name)!;
            var queues = await session.ConnectAsync(cancellationToken);
            try
            {
                var info = await (await queues.CreateAsync(name, environment: session.Environment, cancellationToken: cancellationToken)).InfoAsync(cancellationToken);
                Console.WriteLine($"Created queue '{name}' ({info.Id}) in environment '{session.Environment}'.");
            }
            catch (QueueAlreadyExistsException)
            {
                var info = await queues.FromName(name, environment: session.Environment).InfoAsync(cancellationToken);
                Console.WriteLine($"Queue '{name}' already exists ({info.Id}) in environment '{session.Environment}'; nothing changed.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand()
    {
        var allowMissing = new Option<bool>("--allow-missing") { Description = "Succeed if there is no such queue." };
        var yes = Yes();
        var command = new Command("delete", "Delete a queue and all its items. Asks first, unless -y.\nExample: oq queue delete jobs -y")
        {
            Name, allowMissing, yes,
        };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var name = session.Input.GetValue(Name)!;
            QueueArguments.CheckName(name, "name");
            Output.Confirm($"Delete queue '{name}' in environment '{session.Environment}' and all its items?", session.Input.GetValue(yes));
            var queues = await session.ConnectAsync(cancellationToken);
            await queues.DeleteAsync(name, session.Input.GetValue(allowMissing), session.Environment, cancellationToken);
            Console.WriteLine($"Deleted queue '{name}' (if it existed) in environment '{session.Environment}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var json = Json();
        var command = new Command("list", "List the named queues, newest first, with partitions and items.\nExample: oq queue list --json") { json };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var queues = await session.ConnectAsync(cancellationToken);
            var listed = await queues.ListAsync(environment: session.Environment, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            if (session.Input.GetValue(json))
            {
                Output.Json(listed.Select(q => new
                {
                    name = q.Info.Name, id = q.Info.Id, createdAt = q.Info.CreatedAt, createdBy = q.Info.CreatedBy,
                    partitions = q.LivePartitions, totalItems = q.TotalItems,
                }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Name", "Created at", "Partitions", "Total items");
            foreach (var q in listed)
            {
                table.AddRow(Markup.Escape(q.Info.Name ?? ""), $"{q.Info.CreatedAt:yyyy-MM-dd HH:mm:ss}Z", $"{q.LivePartitions}", $"{q.TotalItems}");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ClearCommand()
    {
        var partition = Partition();
        var all = new Option<bool>("--all", "-a") { Description = "Clear every partition." };
        var yes = Yes();
        var command = new Command("clear", "Remove the items of one partition, or of all with -a. Asks first, unless -y.\nExample: oq queue clear jobs -p eu -y")
        {
            Name, partition, all, yes,
        };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var (name, key, everything) = (session.Input.GetValue(Name)!, session.Input.GetValue(partition), session.Input.GetValue(all));
            if (key is not null && everything)
            {
                throw new UserErrorException("Give either -p KEY or -a, not both.");
            }

            var what = everything ? "every partition" : key is null ? "the default partition" : $"partition '{key}'";
            Output.Confirm($"Remove the items of {what} of queue '{name}'?", session.Input.GetValue(yes));
            var queue = (await session.ConnectAsync(cancellationToken)).FromName(name, environment: session.Environment);
            await queue.ClearAsync(key, everything, cancellationToken);
            Console.WriteLine($"Cleared {what} of queue '{name}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command PeekCommand()
    {
        var count = new Argument<int>("n") { Description = "How many items to show.", DefaultValueFactory = _ => 1 };
        var partition = Partition();
        var json = Json();
        var command = new Command("peek", "Show the next N items without removing them.\nExample: oq queue peek jobs 10 -p eu") { Name, count, partition, json };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var n = session.Input.GetValue(count);
            if (n < 1)
            {
                throw new UserErrorException("N must be at least 1.");
            }

            var queue = (await session.ConnectAsync(cancellationToken)).FromName(session.Input.GetValue(Name)!, environment: session.Environment);
            var items = await queue.IterateAsync<ItemView>(session.Input.GetValue(partition), cancellationToken: cancellationToken)
                .Take(n).ToListAsync(cancellationToken);
            Output.Items(items, session.Input.GetValue(json));
            return items.Count == 0 ? ExitCodes.Empty : ExitCodes.Success;
        });
        return command;
    }

    private static Command LenCommand()
    {
        var partition = Partition();
        var total = new Option<bool>("--total", "-t") { Description = "Count every partition." };
        var command = new Command("len", "Count the items of one partition, or of all with -t.\nExample: oq queue len jobs -t") { Name, partition, total };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var (key, everything) = (session.Input.GetValue(partition), session.Input.GetValue(total));
            if (key is not null && everything)
            {
                throw new UserErrorException("Give either -p KEY or -t, not both.");
            }

            var queue = (await session.ConnectAsync(cancellationToken)).FromName(session.Input.GetValue(Name)!, environment: session.Environment);
            Console.WriteLine(await queue.LenAsync(key, everything, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command PartitionsCommand()
    {
        var json = Json();
        var command = new Command(
            "partitions",
            "List a queue's live partitions: items, bytes, oldest item's age, time to expiry, waiting gets and puts.\n" +
            "Example: oq queue partitions jobs --json")
        {
            Name, json,
        };
        command.SetSessionAction(async (session, cancellationToken) =>
        {
            var queue = (await session.ConnectAsync(cancellationToken)).FromName(session.Input.GetValue(Name)!, environment: session.Environment);
            var partitions = await queue.ListPartitionsAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            if (session.Input.GetValue(json))
            {
                Output.Json(partitions.Select(p => new
                {
                    partition = p.Partition, items = p.Length, bytes = p.Bytes, oldestItemAgeSeconds = p.OldestItemAge?.TotalSeconds,
                    expiresInSeconds = p.TimeToExpiry.TotalSeconds, waitingGetters = p.WaitingGetters, waitingPutters = p.WaitingPutters,
                }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Partition", "Items", "Bytes", "Oldest item", "Expires in", "Waiting gets", "Waiting puts");
            foreach (var p in partitions)
            {
                table.AddRow(
                    p.Partition is null ? "(default)" : Markup.Escape(p.Partition), $"{p.Length}", $"{p.Bytes}",
                    p.OldestItemAge is { } age ? $"{age:d\\.hh\\:mm\\:ss}" : "-", $"{p.TimeToExpiry:d\\.hh\\:mm\\:ss}",
                    $"{p.WaitingGetters}", $"{p.WaitingPutters}");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
