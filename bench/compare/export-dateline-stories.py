# Exports the 8 newest stories of Dateline's demo paper (a fresh `npm start`) through its Admin API as plain HTML
# blocks plus local copies of their images: /tmp/cmp/posts.json, read by ghost-seed.mjs and wordpress-seed.php.
# Usage: DL_BASE=http://127.0.0.1:8090 DL_KEY_FILE=/tmp/dl-compare/initial-admin-api-key.txt python3 export-dateline-stories.py
import json, html, urllib.request, os
BASE = os.environ.get('DL_BASE', 'http://127.0.0.1:8090')
KEY = open(os.environ.get('DL_KEY_FILE', '/tmp/dl-compare/initial-admin-api-key.txt')).read().strip()
IDS = [45, 44, 43, 42, 41, 40, 39, 38]
os.makedirs('/tmp/cmp/img', exist_ok=True)
def article(i):
    req = urllib.request.Request(f'{BASE}/api/admin/v1/articles/{i}', headers={'Authorization': f'Bearer {KEY}'})
    return json.load(urllib.request.urlopen(req))['article']
def img_file(image):
    v = [x for x in image['variants'] if x['width'] == 1280 and x['format'] == 'jpeg'][0]
    name = v['url'].split('/media/')[1].replace('/', '-')
    path = f'/tmp/cmp/img/{name}'
    if not os.path.exists(path): urllib.request.urlretrieve(v['url'], path)
    return path
def text(n):
    return ''.join(html.escape(c.get('text', ''), quote=False) if c['type'] == 'text' else text(c) for c in n.get('content', []))
def render(n, images):
    t = n['type']; inner = lambda: ''.join(render(c, images) for c in n.get('content', []))
    if t == 'paragraph': return f'<p>{text(n)}</p>\n'
    if t == 'heading': return f"<h{n['attrs']['level']}>{text(n)}</h{n['attrs']['level']}>\n"
    if t == 'blockquote': return f'<blockquote>{inner()}</blockquote>\n'
    if t == 'pullQuote':
        a = n['attrs'].get('attribution') or ''
        return f'<blockquote>{inner()}' + (f'<p>— {html.escape(a)}</p>' if a else '') + '</blockquote>\n'
    if t == 'bulletList': return f'<ul>{inner()}</ul>\n'
    if t == 'orderedList': return f'<ol>{inner()}</ol>\n'
    if t == 'listItem': return f'<li>{text(n.get("content", [{}])[0]) if n.get("content") else ""}</li>'
    if t == 'image':
        im = images[n['attrs']['imageId']]
        return {'image': img_file(im), 'alt': n['attrs'].get('alt') or im['alt'], 'caption': n['attrs'].get('caption') or im.get('caption') or ''}
    raise SystemExit('unknown node ' + t)
posts = []
for i in IDS:
    a = article(i)
    images = {im['id']: im for im in a['bodyImages']}
    if a['featuredImage']: images[a['featuredImage']['id']] = a['featuredImage']
    blocks = [render(n, images) for n in a['body']['content']]
    fi = a['featuredImage']
    posts.append({
        'dateline_id': i, 'title': a['headline'], 'slug': a['slug'], 'dek': a['dek'],
        'section': a['section']['name'], 'tags': [t['name'] for t in a['tags']],
        'author': a['bylines'][0]['name'] if a['bylines'] else 'Staff',
        'published_at': a['publishedAt'], 'dateline': a['dateline'],
        'blocks': blocks,
        'feature': fi and {'image': img_file(fi), 'alt': fi['alt'], 'caption': fi.get('caption') or ''},
    })
json.dump(posts, open('/tmp/cmp/posts.json', 'w'), indent=1)
print(len(posts), sum(len(p['blocks']) for p in posts))
