/** Base styles of the web components; colours and sizes come from the theme's CSS variables. */
export const webStyles = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:var(--t-font-family);font-size:var(--t-font-size);color:var(--t-text);background:var(--t-background)}
:focus-visible{outline:2px solid var(--t-primary);outline-offset:2px}
.t-page{min-height:100vh;padding:var(--t-spacing)}
.t-app--tabs .t-page{padding-bottom:64px}
.t-text{margin:4px 0;white-space:pre-wrap}
.t-clamp{display:-webkit-box;-webkit-box-orient:vertical;overflow:hidden}
.t-align-left{text-align:left}.t-align-center{text-align:center}.t-align-right{text-align:right}
.t-heading{margin:12px 0 8px;font-weight:600}
.t-rich-text{line-height:1.6}.t-rich-text img{max-width:100%}
.t-button{display:inline-flex;align-items:center;justify-content:center;gap:4px;margin:4px 0;padding:8px 16px;border:1px solid var(--t-border);border-radius:var(--t-radius);background:#fff;color:var(--t-text);font:inherit;cursor:pointer;min-height:40px}
.t-button--primary{background:var(--t-primary);border-color:var(--t-primary);color:#fff}
.t-button--danger{background:var(--t-danger);border-color:var(--t-danger);color:#fff}
.t-button--text,.t-button--link{background:transparent;border-color:transparent;color:var(--t-primary)}
.t-button--small{min-height:32px;padding:4px 12px}.t-button--large{min-height:48px;font-size:1.1em}
.t-button--block{display:flex;width:100%}
.t-button:disabled{opacity:.6;cursor:not-allowed}
.t-link{color:var(--t-primary);text-decoration:underline}
.t-icon{display:inline-block;line-height:1}
.t-image{display:block;max-width:100%}
.t-image--loading,.t-image--broken{background:#f2f3f5;min-height:48px}
.t-image--broken{display:flex;align-items:center;justify-content:center;padding:8px;box-sizing:border-box;color:var(--t-muted);font-size:.85em}
.t-preview{position:fixed;inset:0;background:rgba(0,0,0,.85);display:flex;align-items:center;justify-content:center;z-index:50}
.t-preview img{max-width:95vw;max-height:90vh}
.t-qrcode{display:block;margin:0;max-width:100%;height:auto}.t-qrcode--empty{padding:8px;border:1px dashed var(--t-border);word-break:break-all}
.t-container{display:flex;flex-direction:column}.t-container--horizontal{flex-direction:row}
.t-scroll{overflow:auto}
.t-row{display:flex}.t-column{min-width:0}
.t-grid{display:grid}.t-grid--bordered>*{border:1px solid var(--t-border)}
.t-card{margin:8px 0;padding:12px;border-radius:var(--t-radius);background:#fff}
.t-card--bordered{border:1px solid var(--t-border)}
.t-shadow-small{box-shadow:0 1px 3px rgba(0,0,0,.12)}.t-shadow-medium,.t-shadow-large{box-shadow:0 4px 12px rgba(0,0,0,.15)}
.t-card__head{display:flex;justify-content:space-between;align-items:center}
.t-card__title{margin:0 0 8px;font-size:1.1em}
.t-divider{border-top:1px solid var(--t-border);margin:12px 0;text-align:center}
.t-divider--dashed{border-top-style:dashed}.t-divider--vertical{display:inline-block;border-top:0;border-left:1px solid var(--t-border);height:1em;margin:0 8px}
.t-divider span{position:relative;top:-.7em;background:var(--t-background);padding:0 8px;color:var(--t-muted)}
.t-form__fields{border:0;margin:0;padding:0;min-width:0}
.t-field{border:0;margin:0 0 12px;padding:0;display:flex;flex-direction:column;gap:4px}
.t-form--horizontal .t-field{flex-direction:row;flex-wrap:wrap;align-items:center}
.t-field__label{font-weight:500;padding:0}
.t-required{color:var(--t-danger)}
.t-field__error{margin:0;min-height:1em;color:var(--t-danger);font-size:.9em}
.t-input{font:inherit;padding:8px 10px;border:1px solid var(--t-border);border-radius:var(--t-radius);background:#fff;color:var(--t-text);min-height:40px;width:100%}
.t-input[aria-invalid=true]{border-color:var(--t-danger)}
.t-textarea{resize:vertical}
.t-count{align-self:flex-end;color:var(--t-muted);font-size:.85em}
.t-choices{display:flex;gap:12px;flex-wrap:wrap}.t-choices--vertical{flex-direction:column}
.t-choice{display:inline-flex;align-items:center;gap:4px;min-height:32px}
.t-switch{width:44px;height:24px}
.t-upload__files{margin:0;padding-left:18px}
.t-upload__file:has(img){list-style:none;display:inline-block;margin:0 8px 8px -18px}
.t-upload__thumb{display:block;width:72px;height:72px;object-fit:cover;border-radius:4px}
.t-list__items{list-style:none;margin:0;padding:0}
.t-list--horizontal .t-list__items{display:flex;overflow-x:auto;gap:8px}
.t-list__item{padding:4px 0}
.t-tappable{cursor:pointer}
.t-list__empty{color:var(--t-muted);text-align:center;padding:16px}
.t-table-wrap{overflow-x:auto}.t-table{width:100%;border-collapse:collapse}
.t-table th,.t-table td{padding:8px;border-bottom:1px solid var(--t-border);text-align:left}
.t-table--striped tbody tr:nth-child(even){background:rgba(0,0,0,.03)}
.t-table--bordered th,.t-table--bordered td{border:1px solid var(--t-border)}
.t-swiper{position:relative}
.t-swiper__track{display:flex;overflow-x:auto;scroll-snap-type:x mandatory}
.t-swiper__item{flex:0 0 100%;scroll-snap-align:start}
.t-swiper__controls{display:flex;justify-content:center;gap:8px}
.t-navbar{display:flex;align-items:center;gap:8px;min-height:48px;padding:0 8px;margin:calc(-1 * var(--t-spacing)) calc(-1 * var(--t-spacing)) var(--t-spacing);border-bottom:1px solid var(--t-border)}
.t-navbar--fixed{position:sticky;top:0;z-index:10}
.t-navbar__back{border:0;background:transparent;font-size:1.6em;min-width:40px;min-height:40px;cursor:pointer;color:inherit}
.t-navbar__title{flex:1;margin:0;font-size:1.1em;text-align:center}
.t-navbar__right{min-width:40px}
.t-tabbar,.t-app-tabbar{position:fixed;left:0;right:0;bottom:0;display:flex;border-top:1px solid var(--t-border);background:#fff;z-index:20}
.t-tabbar__item{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:52px;color:var(--t-muted);text-decoration:none}
.t-tabbar__item--active{color:var(--t-primary);font-weight:600}
.t-tabs__list{display:flex;border-bottom:1px solid var(--t-border)}
.t-tabs__tab{font:inherit;background:transparent;border:0;border-bottom:2px solid transparent;padding:10px 14px;cursor:pointer;color:var(--t-text)}
.t-tabs__tab[aria-selected=true]{border-bottom-color:var(--t-primary);color:var(--t-primary);font-weight:600}
.t-tabs--card .t-tabs__tab[aria-selected=true]{background:#fff;border:1px solid var(--t-border);border-bottom-color:#fff}
.t-tabs__pane{padding:8px 0}
.t-badge{margin-left:4px;padding:0 6px;border-radius:8px;background:var(--t-danger);color:#fff;font-size:.8em}
.t-modal__mask{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:40}
.t-modal{background:#fff;border-radius:var(--t-radius);padding:16px;min-width:280px;max-width:90vw}
.t-modal__title{margin:0 0 8px;font-size:1.15em}
.t-modal__foot{display:flex;justify-content:flex-end;gap:8px;margin-top:12px}
.t-toast{position:fixed;left:50%;top:40%;transform:translateX(-50%);background:rgba(0,0,0,.8);color:#fff;padding:10px 16px;border-radius:var(--t-radius);z-index:60;max-width:80vw}
.t-sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
