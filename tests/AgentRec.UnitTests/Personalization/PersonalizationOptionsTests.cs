using System.ComponentModel.DataAnnotations;
using AgentRec.Core.Personalization;

namespace AgentRec.UnitTests.Personalization;

public sealed class PersonalizationOptionsTests
{
    [Fact]
    public void Unset_fusion_path_is_valid_and_means_the_default_file()
    {
        var options = new PersonalizationOptions();

        Assert.Null(options.FusionPath);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void A_blank_fusion_path_fails_validation_naming_the_key()
    {
        var error = Assert.Single(Validate(new PersonalizationOptions { FusionPath = "  " }));

        Assert.Contains("Personalization:FusionPath", error.ErrorMessage, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Validate(PersonalizationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
