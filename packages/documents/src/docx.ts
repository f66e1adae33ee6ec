import mammoth from 'mammoth';

/** Text of a .docx, one paragraph per line, plus where each paragraph starts. */
export async function extractDocx(bytes: Uint8Array): Promise<{ text: string; paragraphStarts: number[] }> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  // mammoth ends every paragraph with a blank line.
  const paragraphs = value.replace(/\r\n?/g, '\n').split('\n\n');
  if (paragraphs.at(-1) === '') paragraphs.pop();
  const paragraphStarts: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    paragraphStarts.push(offset);
    offset += paragraph.length + 1;
  }
  return { text: paragraphs.join('\n'), paragraphStarts };
}
