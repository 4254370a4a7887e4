using Cerchio.Text;

namespace Cerchio.Feedback;

/// <summary>The English of the surveys' pages and messages.</summary>
internal sealed class FeedbackTranslations : ITranslations
{
    public IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
    };
}
