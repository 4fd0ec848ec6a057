using AgentRec.Core.Catalog;

namespace AgentRec.Core.State;

/// <summary>Where the state store lives. Section <c>State</c>.</summary>
public sealed class StateOptions
{
    public const string SectionName = "State";

    /// <summary>The SQLite file. Defaults to $XDG_DATA_HOME/agentrec/agentrec.db (~/.local/share/agentrec/agentrec.db).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Import the catalog's ratings into the store at start-up when it holds none yet.</summary>
    public bool ImportRatingsOnStart { get; set; } = true;

    /// <summary>How long a command waits on a locked database before failing, in seconds.</summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Conversations whose last turn is older than this many days are deleted by the retention sweep.</summary>
    [Range(1, 3650, ErrorMessage = "State:ConversationRetentionDays must be between 1 and 3650.")]
    public int ConversationRetentionDays { get; set; } = 30;

    /// <summary>
    /// A conversation with no user and a single turn (a one-off anonymous request) is kept this many hours, long
    /// enough for its returned conversationId to be continued, then deleted by the sweep.
    /// </summary>
    [Range(1, 87_600, ErrorMessage = "State:AnonymousConversationHours must be between 1 and 87600.")]
    public int AnonymousConversationHours { get; set; } = 1;

    /// <summary>Minutes between two retention sweeps.</summary>
    [Range(1, 10_080, ErrorMessage = "State:RetentionSweepMinutes must be between 1 and 10080.")]
    public int RetentionSweepMinutes { get; set; } = 10;

    /// <summary>The database file in use.</summary>
    public string ResolveDatabasePath() =>
        DatabasePath is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(DataPaths.DefaultDataDirectory(), "agentrec.db");
}
