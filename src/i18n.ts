/** Generated labels in the article's language; English for languages not listed. */
export interface Labels {
  contents: string
  footnotes: string
  backToContent: string
  page: (n: number, of: number) => string
  by: string
  photo: string
}

const en: Labels = {
  contents: 'Contents',
  footnotes: 'Footnotes',
  backToContent: 'Back to content',
  page: (n, of) => `Page ${n} of ${of}`,
  by: 'By',
  photo: 'Image'
}

const table: Record<string, Labels> = {
  en,
  de: { contents: 'Inhalt', footnotes: 'Fußnoten', backToContent: 'Zurück zum Inhalt', page: (n, of) => `Seite ${n} von ${of}`, by: 'Von', photo: 'Bild' },
  fr: { contents: 'Sommaire', footnotes: 'Notes', backToContent: 'Retour au contenu', page: (n, of) => `Page ${n} sur ${of}`, by: 'Par', photo: 'Image' },
  es: { contents: 'Índice', footnotes: 'Notas', backToContent: 'Volver al contenido', page: (n, of) => `Página ${n} de ${of}`, by: 'Por', photo: 'Imagen' },
  it: { contents: 'Indice', footnotes: 'Note', backToContent: 'Torna al contenuto', page: (n, of) => `Pagina ${n} di ${of}`, by: 'Di', photo: 'Immagine' },
  pt: { contents: 'Sumário', footnotes: 'Notas', backToContent: 'Voltar ao conteúdo', page: (n, of) => `Página ${n} de ${of}`, by: 'Por', photo: 'Imagem' },
  nl: { contents: 'Inhoud', footnotes: 'Voetnoten', backToContent: 'Terug naar de inhoud', page: (n, of) => `Pagina ${n} van ${of}`, by: 'Door', photo: 'Afbeelding' },
  ru: { contents: 'Содержание', footnotes: 'Примечания', backToContent: 'Вернуться к тексту', page: (n, of) => `Страница ${n} из ${of}`, by: 'Автор:', photo: 'Изображение' },
  el: { contents: 'Περιεχόμενα', footnotes: 'Υποσημειώσεις', backToContent: 'Επιστροφή στο κείμενο', page: (n, of) => `Σελίδα ${n} από ${of}`, by: 'Από', photo: 'Εικόνα' }
}

export function labelsFor(lang: string): Labels {
  const primary = lang.toLowerCase().split('-')[0] ?? 'en'
  return table[primary] ?? en
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb'])

export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr'
}
