// Headlines the seeded generator picks from. Each is plainly positive, negative or neutral, so a
// lexicon-based strategy reads them the way a person would. `{name}` is the company, fund
// ticker or coin.

export type Sentiment = 'positive' | 'negative' | 'neutral';
export type SubjectKind = 'company' | 'fund' | 'crypto';

export interface HeadlineTemplate {
  sentiment: Sentiment;
  headline: string;
}

const template = (sentiment: Sentiment) => (headline: string): HeadlineTemplate => ({ sentiment, headline });
const positive = template('positive');
const negative = template('negative');
const neutral = template('neutral');

export const HEADLINE_TEMPLATES: Record<SubjectKind, readonly HeadlineTemplate[]> = {
  company: [
    positive('{name} beats earnings expectations, raises guidance'),
    positive('{name} shares surge after record quarterly revenue'),
    positive('Analysts upgrade {name} to buy on strong demand'),
    positive('{name} wins major contract, shares rally'),
    negative('{name} shares slump after regulator opens probe'),
    negative('{name} misses earnings estimates and cuts outlook'),
    negative('Analysts downgrade {name} to sell on weak demand'),
    negative('{name} recalls products over safety concerns, shares fall'),
    neutral('{name} to present at industry conference next week'),
    neutral('{name} schedules quarterly earnings call'),
    neutral('{name} names new head of investor relations'),
  ],
  fund: [
    positive('{name} climbs to record high as inflows accelerate'),
    positive('Investors pour money into {name} as rally broadens'),
    negative('{name} slides as investors pull billions from the fund'),
    negative('{name} drops as recession fears grow'),
    neutral('{name} completes quarterly rebalance of its holdings'),
    neutral('{name} trading volume in line with monthly average'),
  ],
  crypto: [
    positive('{name} surges as institutional buyers return'),
    positive('{name} rallies after fund inflows hit a record'),
    positive('Major bank to offer {name} custody, price jumps'),
    negative('{name} plunges after exchange hack'),
    negative('{name} slumps as regulators crack down on crypto trading'),
    negative('{name} sell-off deepens as large holders move coins to exchanges'),
    neutral('{name} network completes scheduled upgrade'),
    neutral('{name} trades sideways in a quiet session'),
    neutral('Developers publish {name} roadmap for next year'),
  ],
};

export const SUMMARIES: Record<Sentiment, string> = {
  positive: 'Market watchers read the news as good for {name}.',
  negative: 'Market watchers read the news as bad for {name}.',
  neutral: 'Routine news; no change to the outlook for {name} is expected.',
};

export const fillTemplate = (text: string, name: string): string => text.replaceAll('{name}', name);
