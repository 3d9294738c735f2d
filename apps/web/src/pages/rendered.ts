/** A document's rendering is done when both its PDF and its DOCX are there (the job adds them one by one). */
export function rendered(files: Array<{ contentType: string }> | undefined): boolean {
  return (
    (files?.some((file) => file.contentType === 'application/pdf') ?? false) &&
    (files?.some((file) => file.contentType.includes('wordprocessingml')) ?? false)
  );
}
