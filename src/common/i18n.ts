/** Generated labels in the article's language; English for languages not listed. */
export interface Labels {
  contents: string
  footnotes: string
  backToContent: string
  page: (n: number, of: number) => string
  by: string
  photo: string
  /** The summary of a `<details>` that has none. */
  details: string
  /** Titles of GitHub's alerts (`> [!NOTE]`). */
  alerts: Record<AlertKind, string>
  /** Names the links to an article's PDF and EPUB on its page. */
  downloads: string
}

export type AlertKind = 'note' | 'tip' | 'important' | 'warning' | 'caution'

const en: Labels = {
  contents: 'Contents',
  footnotes: 'Footnotes',
  backToContent: 'Back to content',
  page: (n, of) => `Page ${n} of ${of}`,
  by: 'By',
  photo: 'Image',
  details: 'Details',
  alerts: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' },
  downloads: 'Downloads'
}

const table: Record<string, Labels> = {
  en,
  de: {
    contents: 'Inhalt',
    footnotes: 'Fußnoten',
    backToContent: 'Zurück zum Inhalt',
    page: (n, of) => `Seite ${n} von ${of}`,
    by: 'Von',
    photo: 'Bild',
    details: 'Details',
    alerts: { note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht' },
    downloads: 'Herunterladen'
  },
  fr: {
    contents: 'Sommaire',
    footnotes: 'Notes',
    backToContent: 'Retour au contenu',
    page: (n, of) => `Page ${n} sur ${of}`,
    by: 'Par',
    photo: 'Image',
    details: 'Détails',
    alerts: { note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention' },
    downloads: 'Téléchargements'
  },
  es: {
    contents: 'Índice',
    footnotes: 'Notas',
    backToContent: 'Volver al contenido',
    page: (n, of) => `Página ${n} de ${of}`,
    by: 'Por',
    photo: 'Imagen',
    details: 'Detalles',
    alerts: { note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución' },
    downloads: 'Descargas'
  },
  it: {
    contents: 'Indice',
    footnotes: 'Note',
    backToContent: 'Torna al contenuto',
    page: (n, of) => `Pagina ${n} di ${of}`,
    by: 'Di',
    photo: 'Immagine',
    details: 'Dettagli',
    alerts: { note: 'Nota', tip: 'Suggerimento', important: 'Importante', warning: 'Avviso', caution: 'Attenzione' },
    downloads: 'Download'
  },
  pt: {
    contents: 'Sumário',
    footnotes: 'Notas',
    backToContent: 'Voltar ao conteúdo',
    page: (n, of) => `Página ${n} de ${of}`,
    by: 'Por',
    photo: 'Imagem',
    details: 'Detalhes',
    alerts: { note: 'Nota', tip: 'Dica', important: 'Importante', warning: 'Aviso', caution: 'Cuidado' },
    downloads: 'Transferências'
  },
  nl: {
    contents: 'Inhoud',
    footnotes: 'Voetnoten',
    backToContent: 'Terug naar de inhoud',
    page: (n, of) => `Pagina ${n} van ${of}`,
    by: 'Door',
    photo: 'Afbeelding',
    details: 'Details',
    alerts: { note: 'Opmerking', tip: 'Tip', important: 'Belangrijk', warning: 'Waarschuwing', caution: 'Let op' },
    downloads: 'Downloads'
  },
  ru: {
    contents: 'Содержание',
    footnotes: 'Примечания',
    backToContent: 'Вернуться к тексту',
    page: (n, of) => `Страница ${n} из ${of}`,
    by: 'Автор:',
    photo: 'Изображение',
    details: 'Подробнее',
    alerts: { note: 'Примечание', tip: 'Совет', important: 'Важно', warning: 'Предупреждение', caution: 'Осторожно' },
    downloads: 'Скачать'
  },
  el: {
    contents: 'Περιεχόμενα',
    footnotes: 'Υποσημειώσεις',
    backToContent: 'Επιστροφή στο κείμενο',
    page: (n, of) => `Σελίδα ${n} από ${of}`,
    by: 'Από',
    photo: 'Εικόνα',
    details: 'Λεπτομέρειες',
    alerts: { note: 'Σημείωση', tip: 'Συμβουλή', important: 'Σημαντικό', warning: 'Προειδοποίηση', caution: 'Προσοχή' },
    downloads: 'Λήψεις'
  },
  uk: {
    contents: 'Зміст',
    footnotes: 'Примітки',
    backToContent: 'Повернутися до тексту',
    page: (n, of) => `Сторінка ${n} з ${of}`,
    by: 'Автор:',
    photo: 'Зображення',
    details: 'Докладніше',
    alerts: { note: 'Примітка', tip: 'Порада', important: 'Важливо', warning: 'Попередження', caution: 'Обережно' },
    downloads: 'Завантажити'
  },
  pl: {
    contents: 'Spis treści',
    footnotes: 'Przypisy',
    backToContent: 'Powrót do treści',
    page: (n, of) => `Strona ${n} z ${of}`,
    by: 'Autor:',
    photo: 'Obraz',
    details: 'Szczegóły',
    alerts: { note: 'Uwaga', tip: 'Porada', important: 'Ważne', warning: 'Ostrzeżenie', caution: 'Przestroga' },
    downloads: 'Pobierz'
  },
  cs: {
    contents: 'Obsah',
    footnotes: 'Poznámky',
    backToContent: 'Zpět na text',
    page: (n, of) => `Strana ${n} z ${of}`,
    by: 'Autor:',
    photo: 'Obrázek',
    details: 'Podrobnosti',
    alerts: { note: 'Poznámka', tip: 'Tip', important: 'Důležité', warning: 'Varování', caution: 'Pozor' },
    downloads: 'Ke stažení'
  },
  sv: {
    contents: 'Innehåll',
    footnotes: 'Fotnoter',
    backToContent: 'Tillbaka till texten',
    page: (n, of) => `Sida ${n} av ${of}`,
    by: 'Av',
    photo: 'Bild',
    details: 'Detaljer',
    alerts: { note: 'Anteckning', tip: 'Tips', important: 'Viktigt', warning: 'Varning', caution: 'Försiktighet' },
    downloads: 'Nedladdningar'
  },
  tr: {
    contents: 'İçindekiler',
    footnotes: 'Dipnotlar',
    backToContent: 'Metne dön',
    page: (n, of) => `Sayfa ${n} / ${of}`,
    by: 'Yazar:',
    photo: 'Görsel',
    details: 'Ayrıntılar',
    alerts: { note: 'Not', tip: 'İpucu', important: 'Önemli', warning: 'Uyarı', caution: 'Dikkat' },
    downloads: 'İndir'
  },
  ja: {
    contents: '目次',
    footnotes: '脚注',
    backToContent: '本文に戻る',
    page: (n, of) => `${n} / ${of} ページ`,
    by: '著者：',
    photo: '画像',
    details: '詳細',
    alerts: { note: '注記', tip: 'ヒント', important: '重要', warning: '警告', caution: '注意' },
    downloads: 'ダウンロード'
  },
  zh: {
    contents: '目录',
    footnotes: '脚注',
    backToContent: '返回正文',
    page: (n, of) => `第 ${n} 页，共 ${of} 页`,
    by: '作者：',
    photo: '图片',
    details: '详情',
    alerts: { note: '备注', tip: '提示', important: '重要', warning: '警告', caution: '注意' },
    downloads: '下载'
  },
  ko: {
    contents: '목차',
    footnotes: '각주',
    backToContent: '본문으로 돌아가기',
    page: (n, of) => `${of}쪽 중 ${n}쪽`,
    by: '글쓴이:',
    photo: '이미지',
    details: '자세히',
    alerts: { note: '참고', tip: '팁', important: '중요', warning: '경고', caution: '주의' },
    downloads: '다운로드'
  },
  hi: {
    contents: 'विषय-सूची',
    footnotes: 'पादटिप्पणियाँ',
    backToContent: 'सामग्री पर वापस जाएँ',
    page: (n, of) => `पृष्ठ ${n} / ${of}`,
    by: 'लेखक:',
    photo: 'चित्र',
    details: 'विवरण',
    alerts: { note: 'टिप्पणी', tip: 'सुझाव', important: 'महत्वपूर्ण', warning: 'चेतावनी', caution: 'सावधानी' },
    downloads: 'डाउनलोड'
  },
  bn: {
    contents: 'সূচিপত্র',
    footnotes: 'পাদটীকা',
    backToContent: 'মূল লেখায় ফিরে যান',
    page: (n, of) => `পৃষ্ঠা ${n} / ${of}`,
    by: 'লেখক:',
    photo: 'ছবি',
    details: 'বিস্তারিত',
    alerts: { note: 'টীকা', tip: 'পরামর্শ', important: 'গুরুত্বপূর্ণ', warning: 'সতর্কতা', caution: 'সাবধান' },
    downloads: 'ডাউনলোড'
  },
  ta: {
    contents: 'பொருளடக்கம்',
    footnotes: 'அடிக்குறிப்புகள்',
    backToContent: 'உள்ளடக்கத்துக்குத் திரும்பு',
    page: (n, of) => `பக்கம் ${n} / ${of}`,
    by: 'ஆசிரியர்:',
    photo: 'படம்',
    details: 'விவரங்கள்',
    alerts: { note: 'குறிப்பு', tip: 'உதவிக்குறிப்பு', important: 'முக்கியம்', warning: 'எச்சரிக்கை', caution: 'கவனம்' },
    downloads: 'பதிவிறக்கங்கள்'
  },
  th: {
    contents: 'สารบัญ',
    footnotes: 'เชิงอรรถ',
    backToContent: 'กลับไปยังเนื้อหา',
    page: (n, of) => `หน้า ${n} จาก ${of}`,
    by: 'โดย',
    photo: 'รูปภาพ',
    details: 'รายละเอียด',
    alerts: { note: 'หมายเหตุ', tip: 'เคล็ดลับ', important: 'สำคัญ', warning: 'คำเตือน', caution: 'ข้อควรระวัง' },
    downloads: 'ดาวน์โหลด'
  },
  ar: {
    contents: 'المحتويات',
    footnotes: 'الحواشي',
    backToContent: 'العودة إلى النص',
    page: (n, of) => `صفحة ${n} من ${of}`,
    by: 'بقلم',
    photo: 'صورة',
    details: 'التفاصيل',
    alerts: { note: 'ملاحظة', tip: 'تلميح', important: 'مهم', warning: 'تحذير', caution: 'تنبيه' },
    downloads: 'تنزيلات'
  },
  he: {
    contents: 'תוכן העניינים',
    footnotes: 'הערות שוליים',
    backToContent: 'חזרה לטקסט',
    page: (n, of) => `עמוד ${n} מתוך ${of}`,
    by: 'מאת',
    photo: 'תמונה',
    details: 'פרטים',
    alerts: { note: 'הערה', tip: 'עצה', important: 'חשוב', warning: 'אזהרה', caution: 'זהירות' },
    downloads: 'הורדות'
  }
}

export function labelsFor(lang: string): Labels {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en'
  return table[primary] ?? en
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb'])

export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr'
}
