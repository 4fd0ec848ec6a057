namespace AgentRec.Core.Personalization;

/// <summary>Settings of the personalizer (section <c>Personalization</c>).</summary>
public sealed class PersonalizationOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Personalization";

    /// <summary>The fusion weights file written by <c>eval ranking</c>; unset means models/trained/fusion.json, built-in weights when absent.</summary>
    [RegularExpression(@".*\S.*", ErrorMessage = "Personalization:FusionPath must name a file when it is set.")]
    public string? FusionPath { get; set; }
}
