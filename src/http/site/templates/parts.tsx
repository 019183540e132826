import type { JSX } from 'preact';
import type { ArticleSummary, PersonRef } from '../../../domain/articles/index.ts';
import { pagedPath, authorPath, sectionPath, storyPath } from '../paths.ts';
import { pictureHtml } from '../render/picture.ts';
import { curlQuotes } from '../../../domain/shared/typography.ts';
import { shownTime } from '../render/time.ts';

export function Time({ date, tz }: { date: Date; tz: string }) {
  const t = shownTime(date, tz);
  return <time datetime={t.iso}>{t.display}</time>;
}

function joinNames(people: PersonRef[], linked: boolean) {
  const out: Array<string | JSX.Element> = [];
  people.forEach((p, i) => {
    if (i > 0) out.push(i === people.length - 1 ? ' and ' : ', ');
    out.push(linked ? <a href={authorPath(p.slug)} rel="author">{p.name}</a> : p.name);
  });
  return out;
}

/** "By A, B and C" (linked on the story page), then the credit line; the credit alone when nobody signed it. */
export function Byline({ story, linked, as = 'p' }: { story: ArticleSummary; linked: boolean; as?: 'p' | 'span' }) {
  const Tag = as;
  const credit = curlQuotes(story.credit, story.language);
  if (!story.bylines.length) return credit ? <Tag class="byline">{credit}</Tag> : null;
  return (
    <Tag class="byline">
      By {joinNames(story.bylines, linked)}
      {credit ? `, ${credit}` : ''}
    </Tag>
  );
}

/** A story's language and direction when they differ from the page around it. */
export function langAttrs(story: { language: string; direction: 'ltr' | 'rtl' }, pageLang: string) {
  return story.language === pageLang ? {} : { lang: story.language, dir: story.direction };
}

export const CARD_IMAGE_SIZES = '(min-width: 60rem) 20rem, (min-width: 40rem) 45vw, 100vw';
export const LEAD_IMAGE_SIZES = '(min-width: 72rem) 44rem, (min-width: 48rem) 60vw, 100vw';

interface CardProps {
  story: ArticleSummary;
  tz: string;
  pageLang: string;
  level: 2 | 3;
  showSection?: boolean;
  showImage?: boolean;
  variant?: 'lead' | 'card' | 'row';
}

export function StoryCard({ story, tz, pageLang, level, showSection = true, showImage = true, variant = 'card' }: CardProps) {
  const H = level === 2 ? 'h2' : 'h3';
  const image = showImage && story.featuredImage ? pictureHtml(story.featuredImage, { alt: '', sizes: variant === 'lead' ? LEAD_IMAGE_SIZES : CARD_IMAGE_SIZES, eager: variant === 'lead' }) : '';
  return (
    <article class={`story-card story-card--${variant}${image ? ' has-image' : ''}`} {...langAttrs(story, pageLang)}>
      {image ? <div class="card-media" dangerouslySetInnerHTML={{ __html: image }} /> : null}
      <div class="card-text">
        {showSection && story.section ? (
          <p class="kicker">
            <a href={sectionPath(story.section.slug)}>{story.section.name}</a>
          </p>
        ) : null}
        <H class="card-title">
          <a href={storyPath(story)}>{curlQuotes(story.headline, story.language)}</a>
        </H>
        {story.dek ? <p class="card-dek">{curlQuotes(story.dek, story.language)}</p> : null}
        <p class="card-meta">
          {story.publishedAt ? <Time date={story.publishedAt} tz={tz} /> : null}
          {story.bylines.length || story.credit ? <span class="sep" aria-hidden="true"> · </span> : null}
          <Byline story={story} linked={false} as="span" />
          {story.commentCount > 0 ? (
            <>
              <span class="sep" aria-hidden="true"> · </span>
              <a class="card-comments" href={`${storyPath(story)}#comments`}>
                {story.commentCount === 1 ? '1 comment' : `${story.commentCount} comments`}
              </a>
            </>
          ) : null}
        </p>
      </div>
    </article>
  );
}

export function Pagination({ base, page, pages }: { base: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={pagedPath(base, page - 1)} rel="prev">
          Newer stories
        </a>
      ) : (
        <span />
      )}
      <span class="page-count">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={pagedPath(base, page + 1)} rel="next">
          Older stories
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Plain-text bio paragraphs: blank lines separate them, nothing else is interpreted. */
export function TextParagraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}
